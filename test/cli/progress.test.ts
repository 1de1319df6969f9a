import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOW_AFTER_MS } from '../../src/cli/progress.js';
import { repoRoot, runNode } from '../support/run-process.js';

/**
 * A change that takes longer than SHOW_AFTER_MS whatever the machine: one Helm chart, rendered on
 * both sides by a helm that takes 1.5 s, so a run without progress output is a run that had time
 * to show it.
 */
const temp = mkdtempSync(join(tmpdir(), 'tollgate-progress-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const SLOW_HELM = `#!/bin/sh
sleep 1.5
cat <<'YAML'
---
# Source: web/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
YAML
`;

function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

const bin = join(temp, 'bin');
const base = join(temp, 'base');
const head = join(temp, 'head');
const args = ['--base', base, '--head', head, '--fail-on', 'never'];

/** No CI variable (vitest may run under CI), the slow helm first on PATH, and no colour in the report. */
function environment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { CI: _ci, ...rest } = process.env;
  return { ...rest, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1', TERM: 'xterm', ...extra };
}

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** The CLI on a pseudo-terminal made by util-linux `script`: standard output and error both reach the terminal's one stream. */
function runOnTerminal(env: NodeJS.ProcessEnv): { output: string; status: number | null } {
  const command = [process.execPath, join(repoRoot, 'dist/cli.js'), ...args].map((word) => `'${word}'`).join(' ');
  const result = spawnSync('script', ['--quiet', '--return', '--command', command, '/dev/null'], { encoding: 'utf8', env, timeout: 60_000 });
  return { output: result.stdout, status: result.status };
}

beforeAll(() => {
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'helm'), SLOW_HELM);
  chmodSync(join(bin, 'helm'), 0o755);
  const chart = (replicas: number) => ({
    'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
    'charts/web/templates/deployment.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: {{ .Values.replicas | default ${replicas} }}\n`,
  });
  write(base, chart(2));
  write(head, chart(3));
});

describe('progress on a long run', () => {
  it('writes no progress bytes when standard error is a pipe', async () => {
    const started = performance.now();
    const result = await runNode('dist/cli.js', args, { cwd: repoRoot, env: environment() });
    const elapsed = performance.now() - started;
    expect(result.code, result.stderr).toBe(0);
    expect(elapsed).toBeGreaterThan(SHOW_AFTER_MS);
    expect(result.stdout).toContain('tollgate');
    for (const output of [result.stderr, result.stdout]) {
      expect(output).not.toContain('\r');
      expect(output).not.toContain('\u001b');
    }
    expect(result.stderr).not.toContain('rendering');
  });

  it.skipIf(!hasScript)('on a terminal, draws the stage in place and clears it before the report', () => {
    const { output, status } = runOnTerminal(environment());
    expect(status).toBe(0);
    const drawn = output.indexOf('\r\u001b[Ktollgate: rendering Helm charts and Kustomize overlays');
    expect(drawn).toBeGreaterThanOrEqual(0);
    const cleared = output.lastIndexOf('\r\u001b[K');
    const report = output.indexOf('tollgate', cleared + 4);
    expect(cleared).toBeGreaterThan(drawn);
    expect(output.slice(cleared, cleared + 4)).toBe('\r\u001b[K');
    expect(report).toBeGreaterThan(cleared);
  });

  it.skipIf(!hasScript)('on a terminal in CI, writes none', () => {
    const { output, status } = runOnTerminal(environment({ CI: 'true' }));
    expect(status).toBe(0);
    expect(output).toContain('tollgate');
    expect(output).not.toContain('\u001b[K');
  });
});
