import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGate } from '../gate.js';
import { parseIac } from '../iac/parse.js';
import { plainConfig } from '../test-support.js';
import { collectDirectoryChanges } from './directories.js';
import { collectGitChanges } from './git.js';
import type { ChangedFile } from './model.js';
import { gitModuleCalls } from './git-module-calls.js';
import { callingDirectories, collectTerraformContext, localModuleDirectories } from './terraform-context.js';

const TREES = join(import.meta.dirname, '../../test/fixtures/terraform/context');
const EXPECTED_CONTEXT = ['live/terraform.tfvars', 'live/variables.tf', 'modules/db/backup/main.tf', 'modules/db/main.tf'];
const CALLER_TREES = join(import.meta.dirname, '../../test/fixtures/terraform/callers');
/** A change to modules/db alone: its callers (two directly, one through modules/stack) and their files, nothing unrelated. */
const EXPECTED_CALLER_CONTEXT = ['envs/dev/main.tf', 'envs/prod/main.tf', 'envs/prod/terraform.tfvars', 'envs/prod/variables.tf', 'envs/staging/main.tf', 'modules/db/variables.tf', 'modules/stack/main.tf'];
const EXPECTED_CALLER_RESOURCES = [
  ['envs/dev', 'module.db.aws_db_instance.main', 'changed', 'db.t3.micro'],
  ['envs/prod', 'module.db.aws_db_instance.main', 'changed', 'db.r6g.large'],
  ['envs/staging', 'module.stack.module.db.aws_db_instance.main', 'changed', 'db.t3.small'],
];

describe('localModuleDirectories', () => {
  it.each<[string, string, string[]]>([
    ['live/main.tf', 'module "a" {\n  source = "../modules/a"\n}\nmodule "b" {\n  source = "./b"\n}', ['modules/a', 'live/b']],
    ['main.tf', 'module "r" {\n  source = "terraform-aws-modules/vpc/aws"\n}', []],
    ['main.tf', 'module "out" {\n  source = "../../elsewhere"\n}', []],
    ['x/main.tf.json', '{"module": {"m": {"source": "./m"}}}', ['x/m']],
    ['x/main.tf', 'module "up" {\n  source = ".."\n}\nresource "null_resource" "r" {\n  resource_source = "./not-a-module"\n}', ['.']],
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
    const noCallers = async (): Promise<[]> => [];
    const paths = Array.from({ length: 15 }, (_, i) => `m${i}/main.tf`);
    const batches: string[][] = [];
    const files: ChangedFile[] = [{ path: 'm0/main.tf', status: 'modified', before: '', after: 'module "n" {\n  source = "../m1"\n}\n' }];
    const context = await collectTerraformContext(files, paths, async (wanted) => {
      batches.push([...wanted]);
      return new Map(wanted.map((path) => [path, `module "n" {\n  source = "../m${Number(path.slice(1, path.indexOf('/'))) + 1}"\n}\n`]));
    }, noCallers);
    expect(context.map((file) => file.path)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i + 1}/main.tf`));
    expect(batches.length).toBe(10);
  });
});

describe('collectTerraformContext: lock files', () => {
  it('reads the lock file of a changed root with the rest of the root, and none of unrelated directories', async () => {
    const files: ChangedFile[] = [{ path: 'live/versions.tf', status: 'modified', before: '', after: 'terraform {}\n' }];
    const head = ['live/versions.tf', 'live/main.tf', 'live/.terraform.lock.hcl', 'other/.terraform.lock.hcl', 'other/main.tf', '.terraform.lock.hcl'];
    const context = await collectTerraformContext(files, head, async (wanted) => new Map(wanted.map((path) => [path, `# ${path}\n`])), async () => []);
    expect(context.map((file) => file.path).sort()).toEqual(['live/.terraform.lock.hcl', 'live/main.tf']);
  });

  it('git mode: a provider constraint the committed lock file does not meet is reported through the whole gate', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tollgate-lock-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root, encoding: 'utf8' });
    const versions = (constraint: string): string => `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "${constraint}"\n    }\n  }\n}\n`;
    git('init', '-q', '-b', 'main');
    cpSync(join(import.meta.dirname, '../../test/fixtures/hygiene/terraform-lock/.terraform.lock.hcl'), join(root, 'infra/.terraform.lock.hcl'));
    writeFileSync(join(root, 'infra/versions.tf'), versions('~> 5.0'));
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    writeFileSync(join(root, 'infra/versions.tf'), versions('~> 6.0'));
    git('commit', '-q', '-am', 'aws 6');

    const changes = await collectGitChanges({ cwd: root, base: 'HEAD~1', head: 'HEAD' });
    expect(changes.context?.map((file) => file.path)).toEqual(['infra/.terraform.lock.hcl']);
    const report = runGate({ config: plainConfig(), changes });
    expect(report.findings.filter((finding) => finding.ruleId === 'lockfile-consistency').map((finding) => `${finding.file}:${finding.line} ${finding.message}`)).toEqual([
      'infra/versions.tf:3 infra/versions.tf requires provider aws ~> 6.0, but infra/.terraform.lock.hcl locks 5.31.0; `terraform init` will refuse the locked version.',
    ]);
  });
});

describe('callingDirectories', () => {
  it('walks up through modules that call modules, and stops at the depth bound', () => {
    const calls = [
      { path: 'envs/prod/main.tf', source: '../../modules/app' },
      { path: 'modules/app/main.tf', source: '../db' },
      { path: 'modules/app/main.tf', source: './self/..' },
      { path: 'other/main.tf', source: '../modules/net' },
    ];
    expect([...callingDirectories(new Set(['modules/db']), calls)].sort()).toEqual(['envs/prod', 'modules/app']);
    const chain = Array.from({ length: 15 }, (_, i) => ({ path: `c${i + 1}/main.tf`, source: `../c${i}` }));
    expect(callingDirectories(new Set(['c0']), chain).size).toBe(10);
  });

  it('finds callers by reading each configuration file once when no search is given', async () => {
    const texts: Record<string, string> = {
      'live/main.tf': 'module "db" {\n  source = "../modules/db"\n}\n',
      'live/terraform.tfvars': 'x = 1\n',
      'modules/db/variables.tf': 'variable "x" {}\n',
      'elsewhere/main.tf': 'resource "aws_eip" "e" {}\n',
    };
    const requests: string[][] = [];
    const files: ChangedFile[] = [{ path: 'modules/db/main.tf', status: 'modified', before: '', after: 'resource "aws_eip" "x" {}\n' }];
    const context = await collectTerraformContext(files, Object.keys(texts), async (paths) => {
      requests.push([...paths]);
      return new Map(paths.map((path) => [path, texts[path] ?? '']));
    });
    expect(context.map((file) => file.path).sort()).toEqual(['live/main.tf', 'live/terraform.tfvars', 'modules/db/variables.tf']);
    expect(requests).toEqual([['live/main.tf', 'modules/db/variables.tf', 'elsewhere/main.tf'], ['live/terraform.tfvars']]);
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

  it('directories mode: a changed module is evaluated through every root that calls it, with their inputs', async () => {
    const changes = await collectDirectoryChanges({ base: join(CALLER_TREES, 'base'), head: join(CALLER_TREES, 'head') });
    expect(changes.files.map((file) => file.path)).toEqual(['modules/db/main.tf']);
    expect(changes.context?.map((file) => file.path).sort()).toEqual(EXPECTED_CALLER_CONTEXT);
    const report = runGate({ config: plainConfig(), changes });
    expect(report.resources.map((r) => [r.scope, r.address, r.change])).toEqual(EXPECTED_CALLER_RESOURCES.map(([scope, address, change]) => [scope, address, change]));
  });

  describe('git mode', () => {
    const root = mkdtempSync(join(tmpdir(), 'tollgate-tf-context-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const git = (...args: string[]): string =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' });
    const commitTrees = (trees: string): void => {
      git('init', '-q', '-b', 'main');
      cpSync(join(trees, 'base'), root, { recursive: true });
      git('add', '-A');
      git('commit', '-q', '-m', 'base');
      cpSync(join(trees, 'head'), root, { recursive: true });
      git('add', '-A');
      git('commit', '-q', '-m', 'head');
    };

    it('lists with ls-tree and reads the same context at head', async () => {
      commitTrees(TREES);
      const changes = await collectGitChanges({ cwd: root, base: 'HEAD~1' });
      expect(changes.files.map((file) => file.path)).toEqual(['live/main.tf']);
      expect(changes.context?.map((file) => file.path).sort()).toEqual(EXPECTED_CONTEXT);
      expect(changes.context?.find((file) => file.path === 'live/terraform.tfvars')?.text).toBe('size = "m5.xlarge"\n');
      const report = runGate({ config: plainConfig(), changes });
      const web = report.resources.find((r) => r.address === 'aws_instance.web');
      expect(web).toMatchObject({ change: 'changed', file: 'live/main.tf', line: 5 });
    });

    it('finds the callers of a changed module with one git grep and evaluates it through them', async () => {
      rmSync(join(root, '.git'), { recursive: true, force: true });
      for (const directory of ['live', 'modules', 'unrelated']) rmSync(join(root, directory), { recursive: true, force: true });
      commitTrees(CALLER_TREES);
      const head = git('rev-parse', 'HEAD').trim();
      const calls = await gitModuleCalls(root, head);
      expect(calls.map((call) => `${call.path} ${call.source}`).sort()).toEqual([
        'envs/dev/main.tf ../../modules/db',
        'envs/prod/main.tf ../../modules/db',
        'envs/staging/main.tf ../../modules/stack',
        'modules/stack/main.tf ../db',
        'unrelated/main.tf ../modules/net',
      ]);
      const changes = await collectGitChanges({ cwd: root, base: 'HEAD~1' });
      expect(changes.context?.map((file) => file.path).sort()).toEqual(EXPECTED_CALLER_CONTEXT);
      const { head: resources } = parseIac(changes.files, { ...(changes.context ? { context: changes.context } : {}) });
      expect(resources.map((r) => [r.scope, r.address, r.attributes.instance_class])).toEqual(EXPECTED_CALLER_RESOURCES.map(([scope, address, , size]) => [scope, address, size]));
    });

    it('finds no callers in a commit without local module calls', async () => {
      expect(await gitModuleCalls(root, git('rev-parse', 'HEAD~1:modules/db').trim())).toEqual([]);
    });
  });
});
