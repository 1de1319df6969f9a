import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../changes/model.js';
import { emptyCost } from '../../cost/model.js';
import type { PullRequestInfo } from '../../pull-request.js';
import { plainConfig } from '../../test-support.js';
import type { Rule, RuleContext, RuleFinding, RuleSkip } from '../model.js';
import { ownerRuleFor, parseCodeowners, patternGlobs } from './codeowners.js';
import { codeownersCoverage } from './codeowners-coverage.js';
import { largeFiles } from './large-files.js';
import { lockfileConsistency } from './lockfile-consistency.js';
import { prSize, sizeLabel } from './pr-size.js';
import { workflowChanges } from './workflow-changes.js';

function run(rule: Rule, files: ChangedFile[], options: Record<string, unknown> = {}, extra: Partial<RuleContext> = {}): RuleFinding[] | RuleSkip {
  return rule.run({ files, resources: [], parseIssues: [], suppressions: [], cost: emptyCost(), config: plainConfig(), options, ...extra });
}

const file = (path: string, overrides: Partial<ChangedFile> = {}): ChangedFile => ({ path, status: 'modified', ...overrides });

describe('pr-size', () => {
  it.each([
    [0, 'size/XS'],
    [9, 'size/XS'],
    [10, 'size/S'],
    [499, 'size/M'],
    [999, 'size/L'],
    [1000, 'size/XL'],
  ])('%i lines is %s', (lines, label) => expect(sizeLabel(lines)).toBe(label));

  it('is quiet for a small change, warns and errs by thresholds, and leaves lock files out', () => {
    const small = [file('infra/main.tf', { additions: 40, deletions: 5 }), file('package-lock.json', { additions: 9000 })];
    expect(run(prSize, small)).toEqual([]);
    const big = [file('infra/main.tf', { additions: 1500, deletions: 100 })];
    expect(run(prSize, big)).toEqual([{ severity: 'warning', message: expect.stringContaining('1600 lines in 1 files'), fix: expect.any(String) }]);
    expect(run(prSize, big, { 'error-lines': 1200 })).toEqual([expect.objectContaining({ severity: 'error' })]);
    const many = Array.from({ length: 101 }, (_, index) => file(`k8s/${index}.yaml`, { additions: 1 }));
    expect(run(prSize, many)).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('101 files') })]);
  });

  it('counts the repository’s change, not the rendered output a values change produces', () => {
    const values = file('charts/web/values.yaml', { additions: 1, deletions: 1 });
    const output = Array.from({ length: 120 }, (_, index) => ({ ...file(`charts/web/templates/t${index}.yaml`), renderedFrom: { tool: 'helm' as const, directory: 'charts/web' } }));
    const template = { ...file('charts/web/templates/deployment.yaml', { additions: 3 }), renderedFrom: { tool: 'helm' as const, directory: 'charts/web' } };
    expect(run(prSize, [values, ...output, template])).toEqual([]);
  });

  it('points out a size label that does not match', () => {
    const labelled: PullRequestInfo = { title: 't', body: '', labels: ['size/XS', 'infra'] };
    expect(run(prSize, [file('a.tf', { additions: 200 })], {}, { pr: labelled })).toEqual([
      { severity: 'notice', message: 'The pull request is labelled size/XS but the change is size/M (200 lines).', fix: 'Replace the label with size/M.' },
    ]);
  });
});

describe('large-files', () => {
  it.each<[ChangedFile, number]>([
    [file('dist/app.zip', { status: 'added', size: 40 * 1024 * 1024, binary: true }), 1],
    [file('tools/terraform', { status: 'added', size: 80_000, binary: true }), 1],
    [file('docs/diagram.PNG', { status: 'added', size: 200_000, binary: true }), 0],
    [file('data/big.csv', { status: 'added', size: 2 * 1024 * 1024 }), 1],
    [file('data/big.csv', { status: 'modified', size: 2 * 1024 * 1024 }), 0],
    [file('models/weights.bin', { status: 'added', size: 133, after: 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 400000000\n' }), 0],
    [file('infra/main.tf', { status: 'added', size: 900 }), 0],
  ])('%j has %i findings', (changed, count) => {
    expect((run(largeFiles, [changed]) as RuleFinding[]).length).toBe(count);
  });

  it('names the size and takes options', () => {
    expect(run(largeFiles, [file('a.iso', { status: 'added', size: 3 * 1024 * 1024 })])).toEqual([expect.objectContaining({ message: 'a.iso is 3.0 MiB, over the 1.0 MiB limit for added files.' })]);
    expect(run(largeFiles, [file('a.iso', { status: 'added', size: 3 * 1024 * 1024 })], { 'max-size-kb': 4096 })).toEqual([]);
    expect(run(largeFiles, [file('fixtures/a.bin', { status: 'added', size: 10, binary: true })], { 'binary-allow': ['fixtures/**'] })).toEqual([]);
  });
});

describe('lockfile-consistency', () => {
  const lock = file('infra/.terraform.lock.hcl', { patch: '@@ -2,2 +2,2 @@\n-  version = "5.31.0"\n+  version = "5.40.0"' });
  it.each<[string, ChangedFile[], number]>([
    ['a lock change alone', [lock], 1],
    ['a lock change with a constraint change', [lock, file('infra/versions.tf', { patch: '@@ -5 +5 @@\n-      version = "~> 5.31"\n+      version = "~> 5.40"' })], 0],
    ['a lock change with an unrelated .tf change', [lock, file('infra/main.tf', { patch: '@@ -3 +3 @@\n-  instance_type = "t3.small"\n+  instance_type = "t3.large"' })], 1],
    ['a lock change in another module', [lock, file('modules/x/versions.tf', { patch: '@@ -1 +1 @@\n+required_providers {' })], 1],
    ['dependencies without a lock file', [file('web/package.json', { patch: '@@ -10 +10 @@\n-    "yaml": "^2.8.0",\n+    "yaml": "^2.9.0",' })], 1],
    ['dependencies with the workspace lock file', [file('web/package.json', { patch: '@@ -10 +10 @@\n+    "@actions/core": "^3.0.0",' }), file('package-lock.json')], 0],
    ['a script change only', [file('package.json', { patch: '@@ -4 +4 @@\n-    "build": "tsc",\n+    "build": "tsc -p .",' })], 0],
    ['a version bump only', [file('package.json', { patch: '@@ -3 +3 @@\n-  "version": "1.0.0",\n+  "version": "1.1.0",' })], 0],
  ])('%s: %i findings', (_name, files, count) => {
    expect((run(lockfileConsistency, files) as RuleFinding[]).length).toBe(count);
  });
});

describe('lockfile-consistency: constraints the committed lock file does not meet', () => {
  const lockText = readFileSync(new URL('../../../test/fixtures/hygiene/terraform-lock/.terraform.lock.hcl', import.meta.url), 'utf8');
  const versions = (aws: string, extra = ''): string =>
    `terraform {\n  required_version = ">= 1.5"\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "${aws}"\n    }\n${extra}  }\n}\n`;
  const constraintChange = (after: string): ChangedFile =>
    file('envs/prod/versions.tf', { after, patch: `@@ -6 +6 @@\n-      version = "~> 5.0"\n+      version = "${/version = "([^"]+)"/.exec(after)?.[1] ?? ''}"` });
  const context = [{ path: 'envs/prod/.terraform.lock.hcl', text: lockText }];

  it('flags a constraint the locked version does not meet, on the line of the requirement', () => {
    expect(run(lockfileConsistency, [constraintChange(versions('~> 6.0'))], {}, { context })).toEqual([
      {
        message: 'envs/prod/versions.tf requires provider aws ~> 6.0, but envs/prod/.terraform.lock.hcl locks 5.31.0; `terraform init` will refuse the locked version.',
        fix: 'Run `terraform init -upgrade` in envs/prod and commit the updated .terraform.lock.hcl with this change.',
        file: 'envs/prod/versions.tf',
        line: 4,
      },
    ]);
  });

  it.each<[string, string, string]>([
    ['a constraint the lock still meets', versions('>= 5.20, < 6.0'), ''],
    ['a tightened pin that still admits the lock', versions('~> 5.31.0'), ''],
    ['the 0.12 shorthand for a met constraint', 'terraform {\n  required_providers {\n    aws = "~> 5.0"\n  }\n}\n', ''],
  ])('is quiet for %s', (_name, after) => {
    expect(run(lockfileConsistency, [constraintChange(after)], {}, { context })).toEqual([]);
  });

  it('flags a new provider the lock does not list, and reads full source addresses', () => {
    const extra = '    tls = {\n      source  = "registry.terraform.io/hashicorp/tls"\n      version = "~> 4.0"\n    }\n    random = {\n      source = "hashicorp/random"\n      version = ">= 3.0"\n    }\n';
    const findings = run(lockfileConsistency, [constraintChange(versions('~> 5.0', extra))], {}, { context }) as RuleFinding[];
    expect(findings.map((finding) => [finding.message, finding.line])).toEqual([
      ['envs/prod/versions.tf requires provider tls (~> 4.0), which envs/prod/.terraform.lock.hcl does not lock.', 8],
    ]);
  });

  it('uses the lock file changed in the same pull request over the context copy', () => {
    const upgraded = file('envs/prod/.terraform.lock.hcl', { after: lockText.replace('"5.31.0"', '"6.2.0"'), patch: '@@ -5 +5 @@\n-  version     = "5.31.0"\n+  version     = "6.2.0"' });
    expect(run(lockfileConsistency, [constraintChange(versions('~> 6.0')), upgraded], {}, { context })).toEqual([]);
  });

  it('is quiet where the directory commits no lock file (a module, or a team that does not)', () => {
    expect(run(lockfileConsistency, [constraintChange(versions('~> 6.0'))], {}, { context: [] })).toEqual([]);
    const moduleChange = { ...constraintChange(versions('~> 6.0')), path: 'modules/vpc/versions.tf' };
    expect(run(lockfileConsistency, [moduleChange], {}, { context })).toEqual([]);
  });
});

describe('CODEOWNERS semantics', () => {
  const rules = parseCodeowners(readFileSync(new URL('../../../test/fixtures/hygiene/CODEOWNERS', import.meta.url), 'utf8'));
  it.each<[string, string | undefined]>([
    ['README.md', '*.md'],
    ['infra/main.tf', '/infra/'],
    ['infra/sandbox/main.tf', '/infra/sandbox/'],
    ['services/apps/web/deploy.yaml', 'apps/'],
    ['k8s/web.yaml', '/k8s/*'],
    ['k8s/base/web.yaml', '*'],
    ['.github/workflows/ci.yml', '/.github/workflows/'],
    ['src/index.ts', '*'],
  ])('%s is decided by %s (the last match wins)', (path, pattern) => {
    expect(ownerRuleFor(path, rules)?.pattern).toBe(pattern);
  });

  it('turns patterns into anchored or floating globs', () => {
    expect(patternGlobs('*.tf')).toEqual(['**/*.tf', '**/*.tf/**']);
    expect(patternGlobs('/infra/')).toEqual(['infra/**']);
    expect(patternGlobs('docs/*')).toEqual(['docs/*']);
    expect(patternGlobs('apps/')).toEqual(['**/apps/**']);
    expect(patternGlobs('**/logs')).toEqual(['**/logs', '**/logs/**']);
  });
});

describe('codeowners-coverage', () => {
  const codeowners = { path: '.github/CODEOWNERS', text: '/infra/ @acme/platform\n/infra/sandbox/\n*.md @acme/docs\n' };
  it('reports infrastructure without an owner, including explicitly unowned paths', () => {
    const files = [file('infra/main.tf'), file('infra/sandbox/main.tf'), file('stacks/prod/main.tf'), file('README.md'), file('src/app.ts'), file('old/x.tf', { status: 'removed' })];
    const findings = run(codeownersCoverage, files, {}, { codeowners }) as RuleFinding[];
    expect(findings.map((f) => [f.file, f.message])).toEqual([
      ['infra/sandbox/main.tf', 'infra/sandbox/main.tf is infrastructure, but .github/CODEOWNERS line 2 (`/infra/sandbox/`) leaves it without an owner.'],
      ['stacks/prod/main.tf', 'stacks/prod/main.tf is infrastructure, but no rule in .github/CODEOWNERS covers it.'],
    ]);
    expect(findings[1]?.fix).toContain('/stacks/ @org/platform');
  });

  it('skips without a CODEOWNERS file', () => {
    expect(run(codeownersCoverage, [file('infra/main.tf')])).toEqual({ skip: expect.stringContaining('CODEOWNERS') });
  });
});

describe('workflow-changes', () => {
  const risky = [
    'on: pull_request_target',
    'permissions: write-all',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '        with:',
    '          ref: ${{ github.event.pull_request.head.sha }}',
  ].join('\n');
  it('points out a new pull_request_target head checkout and write-all, with lines', () => {
    const findings = run(workflowChanges, [file('.github/workflows/test.yml', { status: 'added', after: risky })]) as RuleFinding[];
    expect(findings.map((f) => [f.line, f.message.slice(0, 40)])).toEqual([
      [9, '.github/workflows/test.yml runs on pull_'],
      [2, '.github/workflows/test.yml grants `permi'],
    ]);
  });

  it('is quiet when the workflow already had them, or for pull_request', () => {
    expect(run(workflowChanges, [file('.github/workflows/test.yml', { before: risky, after: `${risky}\n# comment` })])).toEqual([]);
    expect(run(workflowChanges, [file('.github/workflows/test.yml', { after: risky.replace('pull_request_target', 'pull_request').replace('write-all', 'read-all') })])).toEqual([]);
  });
});
