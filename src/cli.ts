#!/usr/bin/env node
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectDirectoryChanges } from './changes/directories.js';
import { ChangesError, collectGitChanges } from './changes/git.js';
import type { ChangeSet } from './changes/model.js';
import { parseCliArgs, USAGE, type CliSettings } from './cli-args.js';
import { formatConfigError } from './config/format-error.js';
import { loadConfig } from './config/load.js';
import { runGate, wantContent } from './gate.js';
import { TOOL_VERSION } from './meta.js';
import { renderJson } from './report/json.js';
import { renderJobSummary } from './report/markdown.js';
import type { Report } from './report/model.js';
import { renderSarif } from './report/sarif.js';
import { renderText } from './report/text.js';
import { exitCodeFor } from './verdict.js';

const USAGE_ERROR = 2;

/**
 * The example lives in the repository (and the npm package) beside dist/ and src/. The path is
 * built at run time so the bundler does not copy the whole example tree into dist/.
 */
function demoDirectory(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'demo-pr');
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

async function collectChanges(settings: CliSettings): Promise<{ changes: ChangeSet; root: string }> {
  if (settings.command === 'demo') {
    const root = demoDirectory();
    const changes = await collectDirectoryChanges({ base: join(root, 'base'), head: join(root, 'head'), wantContent });
    return { changes, root: join(root, 'head') };
  }
  if (isDirectory(settings.head)) {
    const changes = await collectDirectoryChanges({ base: settings.base, head: settings.head, wantContent });
    return { changes, root: settings.head };
  }
  const changes = await collectGitChanges({ cwd: process.cwd(), base: settings.base, head: settings.head, wantContent });
  return { changes, root: process.cwd() };
}

function render(report: Report, settings: CliSettings): string {
  switch (settings.format) {
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report);
    case 'markdown':
      return renderJobSummary(report, {});
    case 'text':
      return renderText(report, { color: settings.color });
  }
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

  let collected;
  try {
    collected = await collectChanges(settings);
  } catch (error) {
    if (!(error instanceof ChangesError)) throw error;
    process.stderr.write(`tollgate: ${error.message}\n`);
    return USAGE_ERROR;
  }
  const configPath = settings.config ?? join(collected.root, '.github', 'tollgate.yml');
  const loaded = await loadConfig(configPath, { required: settings.config !== undefined });
  if (!loaded.config) {
    for (const error of loaded.errors) process.stderr.write(`tollgate: ${formatConfigError(error)}\n`);
    return USAGE_ERROR;
  }
  const report = runGate({ config: loaded.config, changes: collected.changes, ...(settings.failOn ? { failOn: settings.failOn } : {}) });
  const output = render(report, settings);
  if (settings.output) {
    const target = resolve(settings.output);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, output);
  } else {
    process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  }
  // The demo shows a failing gate on purpose; it succeeded when it printed the report.
  return settings.command === 'demo' ? 0 : exitCodeFor(report.verdict);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tollgate: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.TOLLGATE_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    process.exitCode = USAGE_ERROR;
  },
);
