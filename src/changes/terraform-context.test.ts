import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGate } from '../gate.js';
import { plainConfig } from '../test-support.js';
import { collectDirectoryChanges } from './directories.js';
import { collectGitChanges } from './git.js';
import type { ChangedFile } from './model.js';
import { collectTerraformContext, localModuleDirectories } from './terraform-context.js';

const TREES = join(import.meta.dirname, '../../test/fixtures/terraform/context');
const EXPECTED_CONTEXT = ['live/terraform.tfvars', 'live/variables.tf', 'modules/db/backup/main.tf', 'modules/db/main.tf'];

describe('localModuleDirectories', () => {
  it.each<[string, string, string[]]>([
    ['live/main.tf', 'module "a" {\n  source = "../modules/a"\n}\nmodule "b" {\n  source = "./b"\n}', ['modules/a', 'live/b']],
    ['main.tf', 'module "r" {\n  source = "terraform-aws-modules/vpc/aws"\n}', []],
    ['main.tf', 'module "out" {\n  source = "../../elsewhere"\n}', []],
    ['x/main.tf.json', '{"module": {"m": {"source": "./m"}}}', ['x/m']],
  ])('%s', (path, text, expected) => {
    expect(localModuleDirectories(path, text)).toEqual(expected);
  });
});

describe('collectTerraformContext', () => {
  it('reads nothing when no Terraform file changed', async () => {
    const files: ChangedFile[] = [{ path: 'k8s/app.yaml', status: 'modified', before: 'a', after: 'b' }];
    const read = async (): Promise<Map<string, string>> => {
      throw new Error('must not read');
    };
    expect(await collectTerraformContext(files, ['live/main.tf'], read)).toEqual([]);
  });

  it('stops after the depth bound on a chain of modules, reading one batch per level', async () => {
    const paths = Array.from({ length: 15 }, (_, i) => `m${i}/main.tf`);
    const batches: string[][] = [];
    const files: ChangedFile[] = [{ path: 'm0/main.tf', status: 'modified', before: '', after: 'module "n" {\n  source = "../m1"\n}\n' }];
    const context = await collectTerraformContext(files, paths, async (wanted) => {
      batches.push([...wanted]);
      return new Map(wanted.map((path) => [path, `module "n" {\n  source = "../m${Number(path.slice(1, path.indexOf('/'))) + 1}"\n}\n`]));
    });
    expect(context.map((file) => file.path)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i + 1}/main.tf`));
    expect(batches.length).toBe(10);
  });
});

describe('Terraform context in the changes stage', () => {
  it('directories mode: the unchanged files of changed roots and of the modules they call', async () => {
    const changes = await collectDirectoryChanges({ base: join(TREES, 'base'), head: join(TREES, 'head') });
    expect(changes.files.map((file) => file.path)).toEqual(['live/main.tf']);
    expect(changes.context?.map((file) => file.path).sort()).toEqual(EXPECTED_CONTEXT);
    const report = runGate({ config: plainConfig(), changes });
    expect(report.resources.map((r) => [r.address, r.change])).toEqual([['aws_instance.web', 'changed']]);
  });

  describe('git mode', () => {
    const root = mkdtempSync(join(tmpdir(), 'tollgate-tf-context-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const git = (...args: string[]): string =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' });

    it('lists with ls-tree and reads the same context at head', async () => {
      git('init', '-q', '-b', 'main');
      cpSync(join(TREES, 'base'), root, { recursive: true });
      git('add', '-A');
      git('commit', '-q', '-m', 'base');
      cpSync(join(TREES, 'head'), root, { recursive: true });
      git('add', '-A');
      git('commit', '-q', '-m', 'head');
      const changes = await collectGitChanges({ cwd: root, base: 'HEAD~1' });
      expect(changes.files.map((file) => file.path)).toEqual(['live/main.tf']);
      expect(changes.context?.map((file) => file.path).sort()).toEqual(EXPECTED_CONTEXT);
      expect(changes.context?.find((file) => file.path === 'live/terraform.tfvars')?.text).toBe('size = "m5.xlarge"\n');
      const report = runGate({ config: plainConfig(), changes });
      const web = report.resources.find((r) => r.address === 'aws_instance.web');
      expect(web).toMatchObject({ change: 'changed', file: 'live/main.tf', line: 5 });
    });
  });
});
