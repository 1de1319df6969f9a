import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { failureReason, firstErrorLine, renderEnvironment, spawnRunner } from './render-command.js';

describe('firstErrorLine', () => {
  it.each([
    ['helm error after warnings', 'walk.go:74: found symbolic link in path\nError: template: web/templates/deployment.yaml:12:20: executing "x" at <.Values.a.b>: nil pointer\n\nUse --debug flag to render out invalid YAML', 'template: web/templates/deployment.yaml:12:20: executing "x" at <.Values.a.b>: nil pointer'],
    ['kubectl klog line', 'E1124 23:19:42.633714    7534 run.go:72] "command failed" err="accumulating resources: missing.yaml: no such file"', 'accumulating resources: missing.yaml: no such file'],
    ['plain first line', '\n  something broke\nsecond line', 'something broke'],
    ['empty stderr', '', ''],
  ])('%s', (_name, stderr, expected) => {
    expect(firstErrorLine(stderr)).toBe(expected);
  });

  it('caps a very long line', () => {
    expect(firstErrorLine(`Error: ${'x'.repeat(5000)}`).length).toBeLessThanOrEqual(301);
  });
});

describe('failureReason', () => {
  it.each([
    [{ exitCode: null, stdout: '', stderr: '', failure: 'timeout' as const }, 'it did not finish within 60 s'],
    [{ exitCode: null, stdout: '', stderr: '', failure: 'output-too-large' as const }, 'its output exceeded 20 MiB'],
    [{ exitCode: 3, stdout: '', stderr: '' }, 'it exited with code 3'],
    [{ exitCode: 1, stdout: '', stderr: 'Error: chart requires kubeVersion' }, 'chart requires kubeVersion'],
  ])('%o', (result, expected) => {
    expect(failureReason(result)).toBe(expected);
  });
});

describe('renderEnvironment', () => {
  it('passes PATH and HOME but no token or credential', () => {
    const environment = renderEnvironment({ PATH: '/usr/bin', HOME: '/home/runner', GITHUB_TOKEN: 'ghs_secret', AWS_SECRET_ACCESS_KEY: 'k', ACTIONS_RUNTIME_TOKEN: 't', INPUT_GITHUB_TOKEN: 'x' });
    expect(environment).toEqual({ PATH: '/usr/bin', HOME: '/home/runner', GIT_TERMINAL_PROMPT: '0' });
  });
});

describe('spawnRunner', () => {
  const saved = process.env.GITHUB_TOKEN;
  afterEach(() => {
    if (saved === undefined) delete process.env.GITHUB_TOKEN;
    else process.env.GITHUB_TOKEN = saved;
  });

  const node = process.execPath;
  const options = { cwd: tmpdir() };

  it('collects stdout, stderr and the exit code, with arguments passed as they are (no shell)', async () => {
    const result = await spawnRunner()(node, ['-e', 'process.stdout.write(process.argv[1]); process.stderr.write("warn"); process.exit(3)', '$(echo hi); `x`'], options);
    expect(result).toEqual({ exitCode: 3, stdout: '$(echo hi); `x`', stderr: 'warn' });
  });

  it('does not hand GITHUB_TOKEN to the child', async () => {
    process.env.GITHUB_TOKEN = 'ghs_must_not_leak';
    const result = await spawnRunner()(node, ['-e', 'process.stdout.write(String(process.env.GITHUB_TOKEN))'], options);
    expect(result.stdout).toBe('undefined');
  });

  it('reports a missing binary as not-found', async () => {
    const result = await spawnRunner()('tollgate-no-such-binary', ['template'], options);
    expect(result.failure).toBe('not-found');
  });

  it('kills a command that runs past the time limit', async () => {
    const started = Date.now();
    const result = await spawnRunner({ timeoutMs: 200 })(node, ['-e', 'setTimeout(() => {}, 20000)'], options);
    expect(result.failure).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops a command whose output passes the cap', async () => {
    const result = await spawnRunner({ outputLimitBytes: 1000 })(node, ['-e', 'setInterval(() => process.stdout.write("x".repeat(500)), 1)'], options);
    expect(result.failure).toBe('output-too-large');
    expect(result.stdout.length).toBeLessThanOrEqual(1000);
  });
});
