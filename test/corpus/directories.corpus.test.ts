import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectDirectoryChanges } from '../../src/changes/directories.js';
import { runGate, wantContent } from '../../src/gate.js';
import type { Report } from '../../src/report/model.js';
import { plainConfig } from '../../src/test-support.js';
import { HOSTILE_NAMES, hugeYaml, invalidUtf8, utf16WithBom, withCrlf, withNulBytes } from './generators.js';
import { aboutFile, allText, goodFiles, SEEDS, STACK_FRAME, viewOfOthers } from './pull-request.js';

/**
 * The bad-input corpus through the directory collector and the gate, on trees written to a temp
 * directory: the real file system decides what is binary, too large, a link or unreadable.
 */

const scratch = mkdtempSync(join(tmpdir(), 'tollgate-corpus-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Tree = Record<string, string | Buffer>;

function sides(files = goodFiles()): { base: Tree; head: Tree } {
  const base: Tree = {};
  const head: Tree = {};
  for (const file of files) {
    if (file.before !== undefined) base[file.previousPath ?? file.path] = file.before;
    if (file.after !== undefined) head[file.path] = file.after;
  }
  return { base, head };
}

let treeCount = 0;
function writeTree(tree: Tree): string {
  treeCount += 1;
  const root = join(scratch, `tree-${treeCount}`);
  mkdirSync(root, { recursive: true });
  for (const [path, content] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function gateDirectories(base: string, head: string): Promise<Report> {
  const changes = await collectDirectoryChanges({ base, head, wantContent });
  return runGate({ config: plainConfig(), changes });
}

const { base: GOOD_BASE, head: GOOD_HEAD } = sides();
const baseRoot = writeTree(GOOD_BASE);
const BASELINE = viewOfOthers(await gateDirectories(baseRoot, writeTree(GOOD_HEAD)), []);

/** The good pull request with `extra` added to its head; the other files' results must not move. */
async function gateWith(extra: Tree): Promise<Report> {
  const headRoot = writeTree({ ...GOOD_HEAD, ...extra });
  const report = await gateDirectories(baseRoot, headRoot);
  expect(viewOfOthers(report, Object.keys(extra))).toEqual(BASELINE);
  expect(allText(report)).not.toMatch(STACK_FRAME);
  return report;
}

describe('corpus through the directory collector: bytes and encodings', () => {
  it('invalid UTF-8', async () => {
    await gateWith({ 'bytes/invalid.yaml': invalidUtf8(SEEDS.yaml) });
  });

  it('UTF-16 with a byte-order mark is called binary, with its file', async () => {
    const report = await gateWith({ 'bytes/utf16.yaml': utf16WithBom(SEEDS.yaml) });
    expect(aboutFile(report, 'bytes/utf16.yaml').join('\n')).toMatch(/binary/);
  });

  it('NUL bytes are called binary, with their file', async () => {
    const report = await gateWith({ 'bytes/nul.yaml': withNulBytes(SEEDS.yaml) });
    expect(aboutFile(report, 'bytes/nul.yaml').join('\n')).toMatch(/binary/);
  });

  it('CRLF trees give the same findings, resources and lines as LF trees', async () => {
    const crlf = (tree: Tree): Tree => Object.fromEntries(Object.entries(tree).map(([path, text]) => [path, withCrlf(String(text))]));
    expect(viewOfOthers(await gateDirectories(writeTree(crlf(GOOD_BASE)), writeTree(crlf(GOOD_HEAD))), [])).toEqual(BASELINE);
  });

  it('zero-byte files of every parsed format', async () => {
    await gateWith({ 'empty/app.yaml': '', 'empty/main.tf': '', 'empty/stack.json': '', 'empty/prod.tfvars': '', 'empty/README.md': '' });
  });

  it('a 50 MB manifest is reported by size and not parsed', async () => {
    const report = await gateWith({ 'huge/configmaps.yaml': hugeYaml(50 * 1024 * 1024) });
    expect(aboutFile(report, 'huge/configmaps.yaml').join('\n')).toMatch(/MiB/);
  }, 60_000);
});

describe('corpus through the directory collector: names and links', () => {
  it.each(HOSTILE_NAMES.map((name, index) => [JSON.stringify(name), name, index] as const))('a manifest named %s', async (_label, path, index) => {
    const report = await gateWith({ [path]: SEEDS.yaml.replaceAll('name: web', `name: hostile-${index}`) });
    expect(report.resources.some((resource) => resource.file === path)).toBe(true);
  });

  it('symbolic links inside and out of the workspace are never followed but reported, and /etc/passwd never reaches the report', async () => {
    const head = writeTree(GOOD_HEAD);
    symlinkSync('/etc/passwd', join(head, 'k8s/passwd.yaml'));
    symlinkSync('../k8s/web.yaml', join(head, 'infra/web-link.yaml'));
    symlinkSync('/etc', join(head, 'etc-dir'));
    const report = await gateDirectories(baseRoot, head);
    const links = ['k8s/passwd.yaml', 'infra/web-link.yaml'];
    expect(viewOfOthers(report, links)).toEqual(BASELINE);
    for (const link of links) expect(aboutFile(report, link)).toContain('parse-error: Not analysed: symbolic link; not followed');
    const text = allText(report);
    const passwd = readFileSync('/etc/passwd', 'utf8').split('\n')[0] ?? '';
    expect(passwd.length).toBeGreaterThan(0);
    expect(text).not.toContain(passwd);
    expect(text).not.toMatch(/root:x?:0:0/);
    expect(report.resources.filter((resource) => resource.file === 'k8s/passwd.yaml' || resource.file === 'infra/web-link.yaml')).toEqual([]);
  });

  it('a deleted file that is not a regular file on the base side is reported with its name', async () => {
    const base = writeTree(GOOD_BASE);
    execFileSync('mkfifo', [join(base, 'k8s/gone.yaml')]);
    const report = await gateDirectories(base, writeTree(GOOD_HEAD));
    expect(viewOfOthers(report, ['k8s/gone.yaml'])).toEqual(BASELINE);
    expect(aboutFile(report, 'k8s/gone.yaml').join('\n')).toMatch(/not a regular file/);
  });

  it.skipIf(process.getuid?.() === 0)('a deleted file whose base content cannot be read does not stop the gate', async () => {
    const base = writeTree({ ...GOOD_BASE, 'k8s/gone.yaml': SEEDS.yaml.replaceAll('name: web', 'name: gone') });
    chmodSync(join(base, 'k8s/gone.yaml'), 0o000);
    const report = await gateDirectories(base, writeTree(GOOD_HEAD));
    expect(viewOfOthers(report, ['k8s/gone.yaml'])).toEqual(BASELINE);
    expect(allText(report)).not.toMatch(STACK_FRAME);
  });
});

describe('corpus through the directory collector: change shapes', () => {
  it('a 3,000-file pull request', async () => {
    const extra: Tree = {};
    for (let index = 0; index < 3_000; index += 1) {
      extra[`config/app-${index}/configmap.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-${index}\n  namespace: shop\ndata:\n  key: "value-${index}"\n`;
    }
    // The test timeout only catches a hang; speed is what `npm run bench` measures.
    const report = await gateWith(extra);
    expect(report.files.changed).toBeGreaterThanOrEqual(3_000);
    expect(report.resources.filter((resource) => resource.file.startsWith('config/')).length).toBe(3_000);
  }, 90_000);

  it('a pull request where every file moved (no rename detection without git): Terraform and Kubernetes resources pair up unchanged', async () => {
    const moved = (tree: Tree): Tree => Object.fromEntries(Object.entries(tree).map(([path, text]) => [path.replace(/([^/]+)$/, 'moved-$1'), text]));
    const report = await gateDirectories(writeTree(GOOD_HEAD), writeTree(moved(GOOD_HEAD)));
    expect(allText(report)).not.toMatch(STACK_FRAME);
    expect(report.files.changed).toBe(2 * Object.keys(GOOD_HEAD).length);
    expect(report.resources.filter((resource) => resource.kind !== 'cloudformation')).toEqual([]);
  });
});
