#!/usr/bin/env node
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectDirectoryChanges } from './changes/directories.js';
import { readCodeowners, readCodeownersAtCommit } from './changes/codeowners-file.js';
import { gitPullRequest } from './changes/git-commits.js';
import { ChangesError, collectGitChanges } from './changes/git.js';
import { GitCommandError, workTreeRoot } from './changes/git-process.js';
import type { ChangeSet } from './changes/model.js';
import { readPipelineFiles } from './changes/pipeline-files.js';
import { renderManifests } from './changes/render.js';
import { spawnRunner } from './changes/render-command.js';
import { renderGitManifests } from './changes/render-git.js';
import { parseCliArgs, USAGE, type CliSettings } from './cli-args.js';
import { explainRule } from './cli/explain.js';
import { renderProgress, terminalProgress } from './cli/progress.js';
import { listRules } from './cli/rules.js';
import { formatConfigError } from './config/format-error.js';
import type { ConfigError, ConfigFileRead, PolicySide, ResolvedConfig } from './config/model.js';
import { resolvePolicy } from './config/policy.js';
import { readConfigAtCommit, readConfigFile } from './config/read.js';
import { configLayers, defaultConfig, resolveConfigRead } from './config/load.js';
import { presetLayers } from './config/presets.js';
import { settingSources } from './config/provenance.js';
import { describeTarget, expandExtends, type ReadExtended } from './config/extends.js';
import { fetchRepositoryFile, gitHubAccessFrom } from './github/repository-file.js';
import { examplesConfig, testPolicyExamples } from './policies/examples.js';
import { parseUsage, type UsageFile } from './cost/usage.js';
import { runGate, wantContent } from './gate.js';
import { runInit } from './init/init.js';
import { TOOL_VERSION } from './meta.js';
import type { CustomPolicy } from './policies/file.js';
import { loadPolicies, proposedPolicySettings, type PolicySettings } from './policies/load.js';
import { readPolicyFilesAtCommit, readPolicyFilesInTree } from './policies/read.js';
import type { PullRequestInfo } from './pull-request.js';
import { jsonReportChunks } from './report/json.js';
import { renderJobSummary } from './report/markdown.js';
import type { Report } from './report/model.js';
import { renderSarif } from './report/sarif.js';
import { renderText } from './report/text.js';
import { exitCodeFor } from './verdict.js';

const USAGE_ERROR = 2;

/**
 * The repository (or the npm package) root, one level above dist/cli.js and src/cli.ts: the demo
 * and the rule pages live there, found at run time so the bundler does not copy them into dist/.
 */
const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Started with the process, so "a long run" counts from the start; it draws nothing until a stage begins. */
const progress = terminalProgress();

function demoDirectory(): string {
  return join(PACKAGE_ROOT, 'examples', 'demo-pr');
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

interface CollectedChanges {
  changes: ChangeSet;
  pr?: PullRequestInfo;
  /** The two trees, when the change was read from directories; a git change is laid out on demand. */
  trees?: { base: string; head: string };
}

async function fromDirectories(base: string, head: string, maxFileBytes: number): Promise<CollectedChanges> {
  const changes = await collectDirectoryChanges({ base, head, wantContent, maxFileBytes });
  return { changes, trees: { base, head } };
}

/** The two directory trees compared (the demo's, or the ones named), or undefined in git mode. */
function comparedTrees(settings: CliSettings): { base: string; head: string } | undefined {
  if (settings.command === 'demo') return { base: join(demoDirectory(), 'base'), head: join(demoDirectory(), 'head') };
  return isDirectory(settings.head) ? { base: settings.base, head: settings.head } : undefined;
}

/** The config file's path from the repository root (or a tree's root). */
const DEFAULT_CONFIG = '.github/tollgate.yml';

/**
 * Both sides' configuration files: the base's judges (see resolvePolicy), the head's is shown as
 * a proposal. Two trees are read from disk; in git mode each side at its commit, unless the file
 * named lies outside the repository (then it is no part of the change, the same on both sides).
 */
async function readConfigs(settings: CliSettings): Promise<{ base: ConfigFileRead; head: ConfigFileRead }> {
  const trees = comparedTrees(settings);
  if (trees) {
    if (settings.config !== undefined) {
      const named = await readConfigFile(settings.config);
      return { base: named, head: named };
    }
    const [base, head] = await Promise.all([readConfigFile(join(trees.base, DEFAULT_CONFIG), DEFAULT_CONFIG), readConfigFile(join(trees.head, DEFAULT_CONFIG), DEFAULT_CONFIG)]);
    return { base, head };
  }
  // `<commit>:<path>` is from the repository root, so the default file needs no look-up of the root.
  const named = settings.config === undefined ? undefined : resolve(settings.config);
  const root = named === undefined ? undefined : await workTreeRoot(process.cwd());
  const repoPath = named === undefined ? DEFAULT_CONFIG : root === undefined ? undefined : relative(root, named).split(sep).join('/');
  if (named !== undefined && (repoPath === undefined || repoPath.startsWith('..'))) {
    const outside = await readConfigFile(named, settings.config);
    return { base: outside, head: outside };
  }
  const path = repoPath ?? DEFAULT_CONFIG;
  // Outside a git repository there is no config at a commit; collecting the change fails next, saying why.
  const atCommit = async (ref: string): Promise<ConfigFileRead> =>
    (await readConfigAtCommit(process.cwd(), ref, path).catch(() => ({ path, missing: true as const }))) ?? { path, unreadable: `${ref} is not a commit of this repository; fetch it, or check its name` };
  const [base, head] = await Promise.all([atCommit(settings.base), atCommit(settings.head)]);
  // A file named on the command line that no commit has (a local, untracked one) is no part of the change.
  if (named !== undefined && 'missing' in base && 'missing' in head) {
    const local = await readConfigFile(named, settings.config);
    return { base: local, head: local };
  }
  return { base, head };
}

/**
 * The custom policies of the side whose configuration judges, so a pull request cannot weaken
 * the policies it is judged by: from that tree, or from that commit in git mode.
 */
function readPolicies(settings: CliSettings, config: ResolvedConfig, side: PolicySide): Promise<{ policies: CustomPolicy[] } | { errors: ConfigError[] }> {
  const trees = comparedTrees(settings);
  return loadPolicies(config, async (globs) => {
    if (trees) return readPolicyFilesInTree(trees[side], globs, config.source);
    try {
      return await readPolicyFilesAtCommit(process.cwd(), side === 'base' ? settings.base : settings.head, globs, config.source);
    } catch (error) {
      // Outside a git repository, or a commit it lacks: collecting the change says why next.
      if (error instanceof GitCommandError) return { files: [], errors: [] };
      throw error;
    }
  });
}

/**
 * Reads the files a side's configuration extends: this repository's from that side's tree or
 * commit, another repository's through the GitHub API when the environment has a token.
 */
function extendedFileReader(settings: CliSettings, side: PolicySide): ReadExtended {
  const trees = comparedTrees(settings);
  if (trees) return withOtherRepositories((path) => readConfigFile(join(trees[side], path), path));
  const ref = side === 'base' ? settings.base : settings.head;
  return withOtherRepositories(async (path) => (await readConfigAtCommit(process.cwd(), ref, path).catch(() => undefined)) ?? { path, unreadable: `${ref} is not a commit of this repository` });
}

/** Another repository's files, read once per run: both sides usually extend the same one. */
const otherRepositoryReads = new Map<string, Promise<ConfigFileRead>>();

/** Extended files of this repository, read by `read`; another repository's through the API, or refused with how to allow it. */
function withOtherRepositories(read: (path: string) => Promise<ConfigFileRead>): ReadExtended {
  return async (target) => {
    if (target.kind === 'local') return read(target.path);
    const name = describeTarget(target);
    const access = gitHubAccessFrom(process.env);
    if (access === undefined) {
      return { path: name, unreadable: 'another repository’s file is read through the GitHub API: set GITHUB_TOKEN or GH_TOKEN to a token that can read it (GH_TOKEN=$(gh auth token)); without one the CLI makes no network call' };
    }
    let reading = otherRepositoryReads.get(name);
    if (reading === undefined) {
      reading = fetchRepositoryFile(access, target, name);
      otherRepositoryReads.set(name, reading);
    }
    return reading;
  };
}

async function collectChanges(settings: CliSettings, maxFileBytes: number): Promise<CollectedChanges> {
  if (settings.command === 'demo') {
    const root = demoDirectory();
    return fromDirectories(join(root, 'base'), join(root, 'head'), maxFileBytes);
  }
  if (isDirectory(settings.head)) return fromDirectories(settings.base, settings.head, maxFileBytes);
  const changes = await collectGitChanges({ cwd: process.cwd(), base: settings.base, head: settings.head, wantContent, maxFileBytes });
  const pr = await gitPullRequest({
    cwd: process.cwd(),
    base: changes.baseSha ?? settings.base,
    head: changes.headSha ?? settings.head,
    ...(settings.title !== undefined ? { title: settings.title } : {}),
    ...(settings.body !== undefined ? { body: settings.body } : {}),
    headRef: settings.head,
    ...(settings.branch !== undefined ? { branch: settings.branch } : {}),
  });
  return { changes, pr };
}

/** The report in the chosen format; JSON comes in chunks, so a report of thousands of findings is never one string. */
function render(report: Report, settings: CliSettings): string | Iterable<string> {
  switch (settings.format) {
    case 'json':
      return jsonReportChunks(report);
    case 'sarif':
      return renderSarif(report);
    case 'markdown':
      return renderJobSummary(report, {});
    case 'text':
      return renderText(report, { color: settings.color });
  }
}

/** The configuration in the working tree (`--config`, else .github/tollgate.yml), with the files it extends from this repository. */
async function readWorkingConfig(settings: CliSettings): Promise<ConfigFileRead> {
  return expandExtends(await readConfigFile(settings.config ?? DEFAULT_CONFIG), withOtherRepositories((path) => readConfigFile(path)));
}

/** `tollgate config print`: every setting after presets and extends, each with the file or preset it comes from. */
async function printConfig(settings: CliSettings): Promise<number> {
  const read = await readWorkingConfig(settings);
  const resolved = resolveConfigRead(read, settings.config !== undefined);
  if (!resolved.config) {
    for (const error of resolved.errors) process.stderr.write(`tollgate: ${formatConfigError(error)}\n`);
    return USAGE_ERROR;
  }
  const layers = 'text' in read ? configLayers(read.text, read.path, read.extended) : { layers: [], preset: 'default' as const };
  if ('errors' in layers) return USAGE_ERROR;
  const all = [...presetLayers(layers.preset), ...layers.layers];
  const sources = settingSources(all);
  const chain = all.map((layer) => layer.source).filter((source) => source !== 'built-in').reverse();
  const width = Math.max(...sources.map((setting) => `${setting.key}: ${JSON.stringify(setting.value)}`.length));
  process.stdout.write(`# ${chain.join(', over ')}\n`);
  for (const setting of sources) process.stdout.write(`${`${setting.key}: ${JSON.stringify(setting.value)}`.padEnd(width)}  # ${setting.source}\n`);
  return 0;
}

/**
 * `tollgate policy test`: each policy (of the files named, else of the files the configuration
 * in the working tree lists) run on its examples; exit 0 when all come out as they say, 1 when
 * one does not, 2 when a policy does not load.
 */
async function testPolicies(settings: CliSettings): Promise<number> {
  const named = settings.policyFiles ?? [];
  let tested: PolicySettings = { policies: named, source: 'the command line' };
  if (named.length === 0) {
    const loaded = resolveConfigRead(await readWorkingConfig(settings), settings.config !== undefined);
    if (!loaded.config) {
      for (const error of loaded.errors) process.stderr.write(`tollgate: ${formatConfigError(error)}\n`);
      return USAGE_ERROR;
    }
    tested = loaded.config;
  }
  const loaded = await loadPolicies(tested, (globs) => readPolicyFilesInTree(process.cwd(), globs, tested.source));
  if ('errors' in loaded) {
    for (const error of loaded.errors) process.stderr.write(`tollgate: ${formatConfigError(error)}\n`);
    return USAGE_ERROR;
  }
  const results = testPolicyExamples(loaded.policies, examplesConfig(defaultConfig()), (policyFile, file) => {
    if (policyFile.startsWith('pack:')) return { error: 'examples of a pack are written inline' };
    const path = join(dirname(policyFile), file);
    return existsSync(path) ? { name: path, content: readFileSync(path, 'utf8') } : { error: `${path} does not exist (an example file is relative to its policy file)` };
  });
  for (const result of results) {
    const mark = result.ok ? 'ok  ' : 'FAIL';
    const why = result.ok ? '' : `: ${result.expected === 'pass' ? 'expected no finding, got ' : 'expected a finding, got '}${result.detail}`;
    process.stdout.write(`${mark} ${result.policy} (${result.file}:${result.line}) ${result.expected} example ${result.index} (${result.label})${why}\n`);
  }
  const failed = results.filter((result) => !result.ok).length;
  const untested = loaded.policies.filter((policy) => policy.examples.pass.length + policy.examples.fail.length === 0).map((policy) => policy.id);
  process.stdout.write(`${loaded.policies.length} ${loaded.policies.length === 1 ? 'policy' : 'policies'}, ${results.length} examples, ${failed} failed${untested.length > 0 ? `; no examples: ${untested.join(', ')}` : ''}\n`);
  return failed > 0 ? 1 : 0;
}

async function main(argv: readonly string[]): Promise<number> {
  const settings = parseCliArgs(argv, process.stdout.isTTY === true && process.env.NO_COLOR === undefined);
  if ('error' in settings) {
    process.stderr.write(`tollgate: ${settings.error}\n\n${USAGE}\n`);
    return USAGE_ERROR;
  }
  if (settings.command === 'help' || settings.command === 'version') {
    process.stdout.write(`${settings.command === 'help' ? USAGE : TOOL_VERSION}\n`);
    return 0;
  }
  if (settings.command === 'policy-test') return testPolicies(settings);
  if (settings.command === 'config-print') return printConfig(settings);
  if (settings.command === 'init') return runInit({ directory: settings.dir ?? process.cwd(), force: settings.force === true, workflowTemplate: join(PACKAGE_ROOT, 'examples', 'workflows', 'basic.yml') });
  if (settings.command === 'rules') return listRules(settings.format);
  if (settings.command === 'explain') return explainRule(settings.ruleId ?? '', PACKAGE_ROOT, settings.color);

  // The config comes first: its `limits.max-file-bytes` decides which files the collectors read.
  const reads = await readConfigs(settings);
  const [base, head] = await Promise.all([expandExtends(reads.base, extendedFileReader(settings, 'base')), expandExtends(reads.head, extendedFileReader(settings, 'head'))]);
  const policy = resolvePolicy({ base, head, required: settings.config !== undefined, ...(settings.policyFrom ? { from: settings.policyFrom } : {}) });
  if ('errors' in policy) {
    for (const error of policy.errors) process.stderr.write(`tollgate: ${formatConfigError(error)}\n`);
    return USAGE_ERROR;
  }
  const { config, ...policyOutcome } = policy;
  const policies = await readPolicies(settings, config, policy.from);
  if ('errors' in policies) {
    for (const error of policies.errors) process.stderr.write(`tollgate: ${formatConfigError(error)}\n`);
    return USAGE_ERROR;
  }
  const { maxFileBytes } = config.limits;
  let collected;
  try {
    collected = await collectChanges(settings, maxFileBytes);
  } catch (error) {
    if (!(error instanceof ChangesError)) throw error;
    process.stderr.write(`tollgate: ${error.message}\n`);
    return USAGE_ERROR;
  }
  const proposedConfig = proposedPolicySettings(policy, collected.changes.files);
  const proposedPolicies = proposedConfig ? await readPolicies(settings, proposedConfig, 'head') : undefined;
  let usage: UsageFile | undefined;
  if (settings.usage !== undefined) {
    const text = await readFile(settings.usage, 'utf8').catch(() => undefined);
    if (text === undefined) {
      process.stderr.write(`tollgate: --usage: cannot read ${settings.usage}\n`);
      return USAGE_ERROR;
    }
    const parsed = parseUsage(text, settings.usage);
    if (parsed.errors.length > 0) {
      for (const error of parsed.errors) process.stderr.write(`tollgate: ${error}\n`);
      return USAGE_ERROR;
    }
    usage = parsed.usage;
  }
  const pipeline = await readPipelineFiles(process.cwd(), settings.pipeline);
  if (pipeline.errors.length > 0) {
    for (const error of pipeline.errors) process.stderr.write(`tollgate: ${error}\n`);
    return USAGE_ERROR;
  }
  const helmValues = config.kubernetes.helmValues;
  const { trees } = collected;
  // Charts and kustomizations are rendered only when the change touches one (no process otherwise).
  const run = renderProgress(spawnRunner(), progress);
  const changes = trees
    ? await renderManifests(collected.changes, { headRoot: trees.head, ...(isDirectory(trees.base) ? { baseRoot: trees.base } : {}), helmValues, maxFileBytes, run })
    : await renderGitManifests(process.cwd(), collected.changes, helmValues, maxFileBytes, run);
  const codeowners = trees ? await readCodeowners(trees.head) : await readCodeownersAtCommit(process.cwd(), collected.changes.headSha ?? settings.head);
  const report = runGate({
    config,
    policy: policyOutcome,
    changes,
    ...(collected.pr ? { pr: collected.pr } : {}),
    ...(codeowners ? { codeowners } : {}),
    ...(settings.failOn ? { failOn: settings.failOn } : {}),
    ...(settings.judge ? { judge: settings.judge } : {}),
    ...(usage ? { usage } : {}),
    ...(pipeline.files.length > 0 ? { pipeline: pipeline.files } : {}),
    ...(policies.policies.length > 0 ? { policies: policies.policies } : {}),
    ...(proposedPolicies ? { proposedPolicies } : {}),
    // The demo is a fixed example: its figures must not move with the calendar.
    ...(settings.command === 'demo' ? {} : { today: new Date().toISOString().slice(0, 10) }),
    onStage: progress.stage,
  });
  progress.stop();
  const output = render(report, settings);
  if (settings.output) {
    const target = resolve(settings.output);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, output);
  } else if (typeof output === 'string') {
    process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  } else {
    for (const chunk of output) process.stdout.write(chunk);
  }
  // The demo shows a failing gate on purpose; it succeeded when it printed the report.
  return settings.command === 'demo' ? 0 : exitCodeFor(report.verdict);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    progress.stop();
    process.stderr.write(`tollgate: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.TOLLGATE_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    process.exitCode = USAGE_ERROR;
  },
);
