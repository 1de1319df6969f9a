import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/checks/registry.js';
import { repoRoot } from '../support/run-process.js';

/**
 * The npm package as a user gets it: `npm pack` of this checkout, unpacked into an empty directory
 * with nothing installed beside it, run with a bare environment. A file the package needs at run
 * time but "files" leaves out (the demo, the rule pages, a preset or price file ncc did not bundle)
 * fails here, not on a user's machine.
 */
const temp = mkdtempSync(join(tmpdir(), 'tollgate-tarball-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const unpacked = join(temp, 'unpacked');
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

interface Packed {
  filename: string;
  size: number;
  entryCount: number;
  files: Array<{ path: string }>;
}
let packed: Packed;

beforeAll(() => {
  // --ignore-scripts: the tarball holds the committed dist/, as the release does; nothing rebuilds it on the way.
  const output = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--offline', '--pack-destination', temp], { cwd: repoRoot, encoding: 'utf8' });
  [packed] = JSON.parse(output) as [Packed];
  mkdirSync(unpacked);
  execFileSync('tar', ['-xzf', join(temp, packed.filename), '-C', unpacked]);
});

/** The packaged CLI from the unpacked directory, with PATH alone: no NODE_PATH or NODE_OPTIONS to find modules elsewhere. */
function tollgate(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join('package', 'dist', 'cli.js'), ...args], {
    cwd: unpacked,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the npm tarball', () => {
  it('holds the bundles, the demo, the rule pages and the presets, and no sources or tests', () => {
    const paths = packed.files.map((file) => file.path);
    for (const path of ['dist/cli.js', 'dist/index.js', 'dist/default.yml', 'dist/strict.yml', 'examples/demo-pr/head/infra/main.tf', 'docs/rules/README.md', 'action.yml', 'CHANGELOG.md', 'LICENSE']) expect(paths).toContain(path);
    for (const rule of RULES) expect(paths).toContain(rule.docs);
    expect(paths.filter((path) => /^(src|test|scripts|node_modules|reference|bench)\//.test(path))).toEqual([]);
  });

  it('depends on nothing: ncc bundled every runtime dependency into dist/', () => {
    const manifest = JSON.parse(readFileSync(join(unpacked, 'package', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.bin).toEqual({ tollgate: 'dist/cli.js' });
    expect(existsSync(join(unpacked, 'node_modules'))).toBe(false);
    expect(existsSync(join(unpacked, 'package', 'node_modules'))).toBe(false);
  });

  it('tollgate --help', () => {
    const result = tollgate('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: tollgate \[check\] \[options\]/);
    expect(result.stdout).toContain('explain RULE');
  });

  it('tollgate demo runs the gate on the bundled example, priced from the bundled catalog', () => {
    const result = tollgate('demo');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^tollgate ${version.replace(/\./g, '\\.')} — FAIL`));
    expect(result.stdout).toMatch(/aws_instance\.api +\$[\d.]+ → \$[\d.]+/);
    expect(result.stdout).toContain('k8s-image-tag');
  });

  it('tollgate rules and tollgate explain read the presets and the rule pages from the package', () => {
    const rules = tollgate('rules');
    expect(rules.status).toBe(0);
    expect(rules.stdout).toMatch(/^k8s-image-tag +deploy +error +default, strict \(sets require-digest\)$/m);
    const explain = tollgate('explain', 'k8s-image-tag');
    expect(explain.stderr).toBe('');
    expect(explain.status).toBe(0);
    expect(explain.stdout.startsWith('k8s-image-tag\n=============\n')).toBe(true);
  });
});
