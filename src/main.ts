import { relative, resolve, sep } from 'node:path';
import * as runner from './github/runner.js';
import { readInputs, type ActionSettings } from './action-inputs.js';
import { changedLinesByFile } from './changes/added-lines.js';
import { fetchContent } from './changes/github.js';
import { readPipelineFiles } from './changes/pipeline-files.js';
import { gitBaseHistory } from './changes/git-commits.js';
import { notFoundMessage } from './github/repository-file.js';
import { formatConfigError } from './config/format-error.js';
import type { ConfigError, ConfigFileRead, PolicySide, ResolvedConfig } from './config/model.js';
import { configFileChanged, resolvePolicy, type Policy } from './config/policy.js';
import { describeTarget, expandExtends } from './config/extends.js';
import type { ChangedFile } from './changes/model.js';
import { readConfigAtCommit, readConfigFile } from './config/read.js';
import { MAX_CONFIG_BYTES } from './config/yaml-source.js';
import type { GitHubClient } from './github/client.js';
import type { PullRequestContext } from './github/context.js';
import { runGate, wantContent } from './gate.js';
import { createClient } from './github/client.js';
import { readEventContext } from './github/context.js';
import { publish, setOutputs, skippedOutputs } from './github/publish.js';
import { collectPullRequestChanges, findGitRoot } from './github/pull-request-changes.js';
import { renderGitManifests } from './changes/render-git.js';
import { COMMITS_TRUNCATED_NOTICE, fetchPullRequestCommits, gitPullRequestCommits, needsBaseHistory, needsCommits } from './github/pull-request-commits.js';
import { readCodeowners } from './changes/codeowners-file.js';
import { approvalLabel, fetchLabelAppliers } from './github/label-events.js';
import { hasLabel } from './pull-request.js';
import { exitCodeFor } from './verdict.js';
import { GitCommandError } from './changes/git-process.js';
import { readPolicyFilesThroughApi } from './github/policy-files.js';
import type { CustomPolicy } from './policies/file.js';
import { loadPolicies, proposedPolicySettings } from './policies/load.js';
import { readPolicyFilesAtCommit, readPolicyFilesInTree } from './policies/read.js';

/** Both sides' configuration, by path from the repository root: git where the checkout has the commit, else the API. */
interface ConfigSources {
  client: GitHubClient | undefined;
  context: PullRequestContext;
  gitRoot: string | undefined;
  repoPath: string;
  /** The file in the checkout (the merge result, which holds the pull request's version), for the head when git cannot read it. */
  checkedOut: string;
  /** The checkout's root, for files the head's configuration extends when git cannot read them. */
  workspace: string;
  /** Other repositories' files configurations extend, read once per run. */
  remoteReads: Map<string, Promise<ConfigFileRead>>;
}

async function readConfigAt(sources: ConfigSources, commit: string, side: 'base' | 'head', repoPath = sources.repoPath): Promise<ConfigFileRead> {
  const { client, context, gitRoot } = sources;
  const fromGit = gitRoot === undefined ? undefined : await readConfigAtCommit(gitRoot, commit, repoPath);
  if (fromGit !== undefined) return fromGit;
  if (client !== undefined) return fetchConfigFile(client, { owner: context.owner, repo: context.repo, path: repoPath, ref: commit }, repoPath);
  // On pull_request the checkout is the merge result: it holds the pull request's own version, never the base's.
  if (side === 'head' && context.eventName !== 'pull_request_target') return readConfigFile(repoPath === sources.repoPath ? sources.checkedOut : resolve(gitRoot ?? sources.workspace, repoPath), repoPath);
  return { path: repoPath, unreadable: `the ${side} commit ${commit} is not in the checkout and github-token is empty; check out with fetch-depth: 0 or pass a token` };
}

/**
 * A side's configuration with the files it extends: this repository's read like the
 * configuration itself, another repository's through the API with the workflow's token, each
 * read once per run.
 */
function readConfigWithExtends(sources: ConfigSources, commit: string, side: 'base' | 'head'): Promise<ConfigFileRead> {
  const { client, remoteReads } = sources;
  return readConfigAt(sources, commit, side).then((read) =>
    expandExtends(read, (target) => {
      if (target.kind === 'local') return readConfigAt(sources, commit, side, target.path);
      const name = describeTarget(target);
      const cached = remoteReads.get(name);
      if (cached) return cached;
      const reading = readRemoteConfig(client, target, name);
      remoteReads.set(name, reading);
      return reading;
    }),
  );
}

/** A configuration file through the contents API, named `name` in messages. */
async function fetchConfigFile(client: GitHubClient, file: { owner: string; repo: string; path: string; ref: string }, name: string): Promise<ConfigFileRead> {
  const read = await fetchContent({ client, owner: file.owner, repo: file.repo }, file.path, file.ref, MAX_CONFIG_BYTES);
  if ('bytes' in read) return { path: name, text: new TextDecoder().decode(read.bytes) };
  if ('missing' in read) return { path: name, missing: true };
  return { path: name, unreadable: 'tooLarge' in read ? 'the file is too large for a config file' : `could not be read from the GitHub API (${read.error})` };
}

async function readRemoteConfig(client: GitHubClient | undefined, target: { owner: string; repo: string; path: string; ref: string }, name: string): Promise<ConfigFileRead> {
  if (client === undefined) return { path: name, unreadable: 'github-token is empty; another repository’s file is read through the API with it' };
  const read = await fetchConfigFile(client, target, name);
  if ('missing' in read) return { path: name, unreadable: notFoundMessage('the workflow’s GITHUB_TOKEN reads only this one; pass a github-token with contents: read on it') };
  return read;
}

function resolved(settings: ActionSettings, sources: ConfigSources, base: ConfigFileRead, head: ConfigFileRead): Policy {
  const policy = resolvePolicy({ base, head, ...(settings.policyFrom ? { from: settings.policyFrom } : {}) });
  if (!('errors' in policy)) return policy;
  for (const error of policy.errors) runner.error(formatConfigError(error), { file: error.file, ...(error.line ? { startLine: error.line } : {}) });
  throw new Error(`the config file ${sources.repoPath} has ${policy.errors.length} error(s), listed above`);
}

/**
 * The base's configuration first, alone: unless it asks for the head's or does not load, the head's
 * matters only when the pull request changes the file (headPolicy), which the list of changed
 * files tells; most pull requests then cost one read, not two.
 */
async function basePolicy(settings: ActionSettings, sources: ConfigSources): Promise<{ policy: Policy; base: ConfigFileRead; final: boolean }> {
  const base = await readConfigWithExtends(sources, sources.context.baseSha, 'base');
  const alone = resolvePolicy({ base, head: base, ...(settings.policyFrom ? { from: settings.policyFrom } : {}) });
  if (!('errors' in alone) && alone.from === 'base') return { policy: alone, base, final: false };
  return { policy: resolved(settings, sources, base, await readConfigWithExtends(sources, sources.context.headSha, 'head')), base, final: true };
}

async function headPolicy(settings: ActionSettings, sources: ConfigSources, first: { policy: Policy; base: ConfigFileRead; final: boolean }, files: readonly ChangedFile[]): Promise<Policy> {
  if (first.final || !configFileChanged(files, sources.repoPath)) return first.policy;
  return resolved(settings, sources, first.base, await readConfigWithExtends(sources, sources.context.headSha, 'head'));
}

/**
 * A configuration's custom policies at one side's commit: from git where the checkout has that
 * commit, else through the API, else (the head of a pull_request run) from the checkout.
 */
function loadPoliciesAt(settings: ActionSettings, sources: ConfigSources, config: ResolvedConfig, side: PolicySide): Promise<{ policies: CustomPolicy[] } | { errors: ConfigError[] }> {
  const { client, context, gitRoot } = sources;
  const commit = side === 'base' ? context.baseSha : context.headSha;
  return loadPolicies(config, async (globs) => {
    const fromGit = gitRoot === undefined ? undefined : await readPolicyFilesAtCommit(gitRoot, commit, globs, config.source).catch((error: unknown) => {
      if (error instanceof GitCommandError) return undefined;
      throw error;
    });
    if (fromGit !== undefined) return fromGit;
    if (client !== undefined) return readPolicyFilesThroughApi(client, context.owner, context.repo, commit, globs, config.source);
    if (side === 'head' && context.eventName !== 'pull_request_target') return readPolicyFilesInTree(gitRoot ?? settings.workspace, globs, config.source);
    throw new Error(`the custom policies of the ${side} commit ${commit} cannot be read: it is not in the checkout and github-token is empty; check out with fetch-depth: 0 or pass a token`);
  });
}

/** The custom policies of the side whose configuration judges (policy.from). A policy file that does not load fails the run, like a broken config file. */
async function readPolicies(settings: ActionSettings, sources: ConfigSources, policy: Policy): Promise<CustomPolicy[]> {
  const loaded = await loadPoliciesAt(settings, sources, policy.config, policy.from);
  if ('policies' in loaded) return loaded.policies;
  for (const error of loaded.errors) runner.error(formatConfigError(error), { file: error.file, ...(error.line ? { startLine: error.line } : {}) });
  throw new Error(`the custom policy files have ${loaded.errors.length} error(s), listed above`);
}

async function run(): Promise<void> {
  const settings = readInputs();
  const event = readEventContext();
  if (event.kind === 'skipped') {
    runner.info(`${event.reason}; nothing to gate.`);
    setOutputs(skippedOutputs());
    return;
  }
  const { context } = event;
  const client = settings.token !== undefined ? createClient(settings.token) : undefined;
  const gitRoot = findGitRoot(settings.workingDirectory);
  const checkedOut = resolve(settings.workingDirectory, settings.configPath);
  // Paths in git and in the API are from the repository root; annotations need them so too.
  const repoPath = relative(gitRoot ?? settings.workspace, checkedOut).split(sep).join('/');
  const sources = { client, context, gitRoot, repoPath, checkedOut, workspace: settings.workspace, remoteReads: new Map<string, Promise<ConfigFileRead>>() };
  // A plan or preview an earlier step should have written is checked first: a workflow mistake costs no API call.
  const pipeline = await readPipelineFiles(settings.workingDirectory, settings.pipeline);
  if (pipeline.errors.length > 0) throw new Error(`the files earlier steps should have written are not there: ${pipeline.errors.join('; ')}`);
  const first = await basePolicy(settings, sources);
  const { config } = first.policy;
  const collected = await collectPullRequestChanges({
    client,
    context,
    directory: settings.workingDirectory,
    ...(settings.baseRef !== undefined ? { baseRef: settings.baseRef } : {}),
    wantContent,
    maxFileBytes: config.limits.maxFileBytes,
    log: (message) => runner.info(message),
  });
  const policy = await headPolicy(settings, sources, first, collected.files);
  const proposedConfig = proposedPolicySettings(policy, collected.files);
  const approval = approvalLabel(config);
  // Independent reads, one round trip instead of one each: a request to GitHub costs more than anything done between them.
  const [policies, proposedPolicies, changes, listed, labelAppliers, codeowners, baseHistory] = await Promise.all([
    readPolicies(settings, sources, policy),
    proposedConfig ? loadPoliciesAt(settings, sources, proposedConfig, 'head') : undefined,
    // Rendering needs both trees; from the API only the changed files are known, so charts stay raw there.
    collected.source === 'git' && gitRoot ? renderGitManifests(gitRoot, collected, config.kubernetes.helmValues, config.limits.maxFileBytes) : collected,
    !needsCommits(config)
      ? undefined
      : client
        ? fetchPullRequestCommits(client, context.owner, context.repo, context.number)
        : gitPullRequestCommits(gitRoot ?? settings.workingDirectory, context.baseSha, context.headSha),
    // Who approved is a courtesy in the message; a token that cannot read events must not stop the gate.
    client && approval !== undefined && hasLabel(context.pr, approval)
      ? fetchLabelAppliers(client, context.owner, context.repo, context.number, [approval]).catch((error: unknown) => {
          runner.info(`tollgate: could not read who added the ${approval} label (${error instanceof Error ? error.message : String(error)})`);
          return {};
        })
      : undefined,
    readCodeowners(gitRoot ?? settings.workingDirectory),
    // Only a checkout with history tells; a shallow one (fetch-depth 1) leaves it undefined and the rule judges as before.
    gitRoot && needsBaseHistory(config) ? gitBaseHistory(gitRoot, context.baseSha) : undefined,
  ]);
  const pr = { ...context.pr, ...(listed ? { commits: listed.commits } : {}), ...(labelAppliers ? { labelAppliers } : {}), ...(baseHistory ? { baseHistory } : {}) };
  if (listed?.truncated) changes.notices.push({ message: COMMITS_TRUNCATED_NOTICE });
  const today = new Date().toISOString().slice(0, 10);
  const report = runGate({ config, policy, changes, pr, today, ...(pipeline.files.length > 0 ? { pipeline: pipeline.files } : {}), ...(policies.length > 0 ? { policies } : {}), ...(proposedPolicies ? { proposedPolicies } : {}), ...(codeowners ? { codeowners } : {}), ...(settings.failOn ? { failOn: settings.failOn } : {}), ...(settings.judge ? { judge: settings.judge } : {}) });
  await publish({ client, context, settings, report, changedLines: changedLinesByFile(changes.files) });
  runner.info(`tollgate verdict: ${report.verdict}`);
  process.exitCode = exitCodeFor(report.verdict);
}

try {
  await run();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  // The stack helps us, not the user: it shows only with step debug logging on.
  if (error instanceof Error && error.stack) runner.debug(error.stack);
  runner.fail(`tollgate could not run: ${message}`);
}
