import { relative, resolve } from 'node:path';
import * as core from '@actions/core';
import { readInputs } from './action-inputs.js';
import { loadConfig } from './config/load.js';
import { formatConfigError } from './config/format-error.js';
import type { ResolvedConfig } from './config/model.js';
import { runGate, wantContent } from './gate.js';
import { createClient } from './github/client.js';
import { readEventContext } from './github/context.js';
import { publish, setOutputs, skippedOutputs } from './github/publish.js';
import { collectPullRequestChanges, findGitRoot } from './github/pull-request-changes.js';
import { renderGitManifests } from './changes/render-git.js';
import { COMMITS_TRUNCATED_NOTICE, fetchPullRequestCommits, gitPullRequestCommits, needsCommits } from './github/pull-request-commits.js';
import { readCodeowners } from './changes/codeowners-file.js';
import { exitCodeFor } from './verdict.js';

async function loadActionConfig(path: string, workspace: string): Promise<ResolvedConfig> {
  const { config, errors } = await loadConfig(path, { required: false });
  for (const error of errors) {
    // Annotations link only with a path relative to the repository root.
    const file = relative(workspace, error.file);
    core.error(formatConfigError(error), { file, ...(error.line ? { startLine: error.line } : {}) });
  }
  if (config === undefined) throw new Error(`the config file ${relative(workspace, path)} has ${errors.length} error(s), listed above`);
  return config;
}

async function run(): Promise<void> {
  const settings = readInputs();
  const event = readEventContext();
  if (event.kind === 'skipped') {
    core.info(`${event.reason}; nothing to gate.`);
    setOutputs(skippedOutputs());
    return;
  }
  const { context } = event;
  const config = await loadActionConfig(resolve(settings.workingDirectory, settings.configPath), settings.workspace);
  const client = settings.token !== undefined ? createClient(settings.token) : undefined;
  const collected = await collectPullRequestChanges({
    client,
    context,
    directory: settings.workingDirectory,
    ...(settings.baseRef !== undefined ? { baseRef: settings.baseRef } : {}),
    wantContent,
    maxFileBytes: config.limits.maxFileBytes,
    log: (message) => core.info(message),
  });
  const gitRoot = findGitRoot(settings.workingDirectory);
  // Rendering needs both trees; from the API only the changed files are known, so charts stay raw there.
  const changes = collected.source === 'git' && gitRoot ? await renderGitManifests(gitRoot, collected, config.kubernetes.helmValues, config.limits.maxFileBytes) : collected;
  const pr = { ...context.pr };
  if (needsCommits(config)) {
    const listed = client
      ? await fetchPullRequestCommits(client, context.owner, context.repo, context.number)
      : await gitPullRequestCommits(gitRoot ?? settings.workingDirectory, context.baseSha, context.headSha);
    pr.commits = listed.commits;
    if (listed.truncated) changes.notices.push({ message: COMMITS_TRUNCATED_NOTICE });
  }
  const codeowners = await readCodeowners(gitRoot ?? settings.workingDirectory);
  const report = runGate({ config, changes, pr, ...(codeowners ? { codeowners } : {}), ...(settings.failOn ? { failOn: settings.failOn } : {}), ...(settings.judge ? { judge: settings.judge } : {}) });
  await publish({ client, context, settings, report });
  core.info(`tollgate verdict: ${report.verdict}`);
  process.exitCode = exitCodeFor(report.verdict);
}

try {
  await run();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  // The stack helps us, not the user: it shows only with step debug logging on.
  if (error instanceof Error && error.stack) core.debug(error.stack);
  core.setFailed(`tollgate could not run: ${message}`);
}
