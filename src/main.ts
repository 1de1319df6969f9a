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
import { collectPullRequestChanges } from './github/pull-request-changes.js';
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
  core.setSecret(settings.token);
  const event = readEventContext();
  if (event.kind === 'skipped') {
    core.info(`${event.reason}; nothing to gate.`);
    setOutputs(skippedOutputs());
    return;
  }
  const { context } = event;
  const config = await loadActionConfig(resolve(settings.workingDirectory, settings.configPath), settings.workspace);
  const client = createClient(settings.token);
  const changes = await collectPullRequestChanges({
    client,
    context,
    directory: settings.workingDirectory,
    ...(settings.baseRef !== undefined ? { baseRef: settings.baseRef } : {}),
    wantContent,
    log: (message) => core.info(message),
  });
  const report = runGate({ config, changes, pr: context.pr, ...(settings.failOn ? { failOn: settings.failOn } : {}) });
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
