import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { builtDirectory } from '../../test/support/kustomize-wrapper.js';
import { wantContent } from '../gate.js';
import { parseIac } from '../iac/parse.js';
import { collectDirectoryChanges } from './directories.js';
import type { ChangedFile, ChangeSet } from './model.js';
import { renderManifests } from './render.js';
import { spawnRunner, type CommandResult, type CommandRunner } from './render-command.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/render', import.meta.url));
const baseRoot = join(fixtures, 'base');
const headRoot = join(fixtures, 'head');

const hasKubectl = spawnSync('kubectl', ['kustomize', '--help'], { stdio: 'ignore' }).status === 0;
const hasHelm = spawnSync('helm', ['version', '--short'], { stdio: 'ignore' }).status === 0;

const HELM_VALUES = ['values-prod.yaml'];

const ok = (stdout: string): CommandResult => ({ exitCode: 0, stdout, stderr: '' });
const notFound: CommandResult = { exitCode: null, stdout: '', stderr: '', failure: 'not-found' };

let helmOutput: { base: string; head: string };
let fixtureChanges: ChangeSet;

beforeAll(async () => {
  helmOutput = {
    base: await readFile(join(fixtures, 'helm-output/base.txt'), 'utf8'),
    head: await readFile(join(fixtures, 'helm-output/head.txt'), 'utf8'),
  };
  fixtureChanges = await collectDirectoryChanges({ base: baseRoot, head: headRoot, wantContent });
});

function sideOf(path: string, roots: { base: string; head: string } = { base: baseRoot, head: headRoot }): 'base' | 'head' {
  return path.startsWith(`${roots.base}/`) || path === roots.base ? 'base' : 'head';
}

interface Call {
  command: string;
  args: string[];
}

/**
 * helm prints the canned output of the real chart; kubectl prints one small manifest naming the
 * directory and side, so a test can see which kustomization was built where.
 */
function fakeRunner(behaviour: { helm?: (side: 'base' | 'head') => CommandResult; kubectl?: (side: 'base' | 'head', dir: string) => CommandResult } = {}) {
  const calls: Call[] = [];
  const run: CommandRunner = (command, args) => {
    calls.push({ command, args: command === 'kubectl' ? args.map(builtDirectory) : [...args] });
    if (command === 'helm') {
      const side = sideOf(args[2] ?? '');
      return Promise.resolve(behaviour.helm ? behaviour.helm(side) : ok(helmOutput[side]));
    }
    if (command === 'kubectl') {
      const target = builtDirectory(args[1] ?? '');
      const side = sideOf(target);
      const dir = target.slice((side === 'base' ? baseRoot : headRoot).length + 1);
      return Promise.resolve(behaviour.kubectl ? behaviour.kubectl(side, dir) : ok(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${dir.replaceAll('/', '-')}\ndata:\n  side: ${side}\n`));
    }
    return Promise.resolve(notFound);
  };
  return { run, calls };
}

function byPath(changes: ChangeSet): Map<string, ChangedFile> {
  return new Map(changes.files.map((file) => [file.path, file]));
}

describe('renderManifests with helm', () => {
  it('replaces the changed template by its rendered output, adds templates changed by values, drops unchanged ones', async () => {
    const { run, calls } = fakeRunner({ kubectl: () => ok('kind: Same\n') });
    const rendered = await renderManifests(fixtureChanges, { headRoot, baseRoot, helmValues: HELM_VALUES, run });
    const files = byPath(rendered);

    const deployment = files.get('charts/web/templates/deployment.yaml');
    expect(deployment?.status).toBe('modified');
    expect(deployment?.before).not.toContain('{{');
    expect(deployment?.after).toContain('readinessProbe:');
    expect(deployment?.before).not.toContain('readinessProbe:');
    expect(deployment?.renderedFrom).toEqual({ tool: 'helm', directory: 'charts/web' });
    expect(deployment?.note).toBeUndefined();
    expect(deployment?.additions).toBe(5);
    expect(deployment?.deletions).toBe(0);

    const hpa = files.get('charts/web/templates/hpa.yaml');
    expect(hpa?.status).toBe('modified');
    expect(hpa?.before).toContain('maxReplicas: 10');
    expect(hpa?.after).toContain('maxReplicas: 20');

    expect(files.has('charts/web/templates/service.yaml')).toBe(false);
    expect(files.get('charts/web/values-prod.yaml')?.after).toContain('maxReplicas: 20');
    expect(rendered.notices).toEqual([]);

    // Renders run concurrently, so the order of the calls is not fixed.
    const helmCalls = calls.filter((call) => call.command === 'helm').sort((a, b) => (a.args[2] ?? '').localeCompare(b.args[2] ?? ''));
    expect(helmCalls).toEqual([
      { command: 'helm', args: ['template', 'web', join(baseRoot, 'charts/web'), '-f', join(baseRoot, 'charts/web/values.yaml'), '-f', join(baseRoot, 'charts/web/values-prod.yaml')] },
      { command: 'helm', args: ['template', 'web', join(headRoot, 'charts/web'), '-f', join(headRoot, 'charts/web/values.yaml'), '-f', join(headRoot, 'charts/web/values-prod.yaml')] },
    ]);
  });

  it('leaves out configured values files that the chart does not have', async () => {
    const { run, calls } = fakeRunner();
    await renderManifests(fixtureChanges, { headRoot, baseRoot, helmValues: ['values-staging.yaml'], run });
    const helmArgs = calls.find((call) => call.command === 'helm' && call.args[2] === join(baseRoot, 'charts/web'))?.args ?? [];
    expect(helmArgs.filter((arg) => arg !== '-f').slice(3)).toEqual([join(baseRoot, 'charts/web/values.yaml')]);
  });

  it('sends a rendered Deployment to the iac stage as a resource of the template file', async () => {
    const { run } = fakeRunner();
    const rendered = await renderManifests(fixtureChanges, { headRoot, baseRoot, helmValues: HELM_VALUES, run });
    const iac = parseIac(rendered.files);
    const deployment = iac.head.find((resource) => resource.address === 'apps/v1/Deployment/default/web');
    // Pointed at the template's own lines, not at the rendered output's.
    expect(deployment?.file).toBe('charts/web/templates/deployment.yaml');
    expect(deployment?.line).toBe(1);
    const template = await readFile(join(headRoot, 'charts/web/templates/deployment.yaml'), 'utf8');
    const probeLine = template.split('\n').findIndex((line) => line.trim() === 'readinessProbe:') + 1;
    expect(probeLine).toBeGreaterThan(0);
    expect(deployment?.attributeLines?.['spec.template.spec.containers.0.readinessProbe']).toBe(probeLine);
    expect(deployment?.meta.renderedOutput).toBeUndefined();
    expect(iac.base.some((resource) => resource.address === 'apps/v1/Deployment/default/web')).toBe(true);
    expect(iac.head.find((resource) => resource.type === 'HorizontalPodAutoscaler')?.file).toBe('charts/web/templates/hpa.yaml');
    expect(iac.parseIssues).toEqual([]);
  });

  it('says once that helm is missing and keeps the raw templates', async () => {
    const { run } = fakeRunner({ helm: () => notFound, kubectl: () => ok('kind: Same\n') });
    const rendered = await renderManifests(fixtureChanges, { headRoot, baseRoot, helmValues: HELM_VALUES, run });
    expect(rendered.notices).toEqual([{ kind: 'render', message: 'helm is not installed: 1 chart(s) were read as raw templates, not rendered' }]);
    const raw = fixtureChanges.files.find((file) => file.path === 'charts/web/templates/deployment.yaml');
    expect(byPath(rendered).get('charts/web/templates/deployment.yaml')).toEqual(raw);
    expect(rendered.files.some((file) => file.path === 'charts/web/templates/hpa.yaml')).toBe(false);
  });

  it('names the chart and helm’s error line (not its whole stderr) when rendering fails', async () => {
    const stderr = 'walk.go:74: found symbolic link in path\nError: template: web/templates/deployment.yaml:31:22: executing "web/templates/deployment.yaml" at <.Values.probe.path>: nil pointer evaluating interface {}.path\n\nUse --debug flag to render out invalid YAML\n';
    const { run } = fakeRunner({ helm: (side) => (side === 'head' ? { exitCode: 1, stdout: '', stderr } : ok(helmOutput.base)), kubectl: () => ok('kind: Same\n') });
    const rendered = await renderManifests(fixtureChanges, { headRoot, baseRoot, helmValues: HELM_VALUES, run });
    expect(rendered.notices).toEqual([
      {
        kind: 'render',
        file: 'charts/web/Chart.yaml',
        message:
          'helm could not render chart charts/web: template: web/templates/deployment.yaml:31:22: executing "web/templates/deployment.yaml" at <.Values.probe.path>: nil pointer evaluating interface {}.path (head version); its templates were read as raw files',
      },
    ]);
    expect(byPath(rendered).get('charts/web/templates/deployment.yaml')?.after).toContain('{{ include "web.fullname" . }}');
  });

  it('marks every rendered object as added when the chart is new', async () => {
    const { run } = fakeRunner({ kubectl: () => ok('kind: Same\n') });
    const rendered = await renderManifests(fixtureChanges, { headRoot, helmValues: HELM_VALUES, run });
    const files = byPath(rendered);
    expect(['deployment', 'service', 'hpa'].map((name) => files.get(`charts/web/templates/${name}.yaml`)?.status)).toEqual(['added', 'added', 'added']);
  });

  it('strips the text of a changed template whose rendered output did not change', async () => {
    const template: ChangedFile = { path: 'charts/web/templates/service.yaml', status: 'modified', before: 'a: {{ x }}\n', after: 'a: {{ x }} # tidy\n' };
    const { run } = fakeRunner({ helm: () => ok(helmOutput.base) });
    const rendered = await renderManifests({ ...fixtureChanges, files: [template] }, { headRoot, baseRoot, helmValues: HELM_VALUES, run });
    expect(rendered.files).toEqual([{ path: 'charts/web/templates/service.yaml', status: 'modified', omitted: 'template of Helm chart charts/web; its rendered output did not change' }]);
  });

  describe('a chart with a link out of the repository', () => {
    let root = '';
    afterEach(async () => {
      if (root !== '') await rm(root, { recursive: true, force: true });
    });

    it('is not rendered, and says why', async () => {
      root = await mkdtemp(join(tmpdir(), 'tollgate-render-'));
      await cp(join(headRoot, 'charts'), join(root, 'charts'), { recursive: true });
      await symlink('/etc/hostname', join(root, 'charts/web/templates/key.yaml'));
      const { run, calls } = fakeRunner();
      const changes: ChangeSet = { ...fixtureChanges, files: [{ path: 'charts/web/templates/key.yaml', status: 'added', note: 'symbolic link; not followed' }] };
      const rendered = await renderManifests(changes, { headRoot: root, helmValues: [], run });
      expect(calls).toEqual([]);
      expect(rendered.notices).toEqual([{ kind: 'render', file: 'charts/web/Chart.yaml', message: 'helm could not render chart charts/web: not rendered: symbolic link charts/web/templates/key.yaml leads outside the repository (head version); its templates were read as raw files' }]);
      expect(rendered.files).toEqual(changes.files);
    });
  });
});

describe('renderManifests with kustomize', () => {
  it('renders the changed overlay and every overlay of the changed base, but not the base alone', async () => {
    const { run, calls } = fakeRunner({ helm: () => ok('') });
    const rendered = await renderManifests(fixtureChanges, { headRoot, baseRoot, helmValues: [], run });
    const built = calls.filter((call) => call.command === 'kubectl').map((call) => call.args[1]);
    const overlays = ['deploy/kustomize/overlays/prod', 'deploy/kustomize/overlays/staging'];
    expect(built.sort()).toEqual(overlays.flatMap((dir) => [join(baseRoot, dir), join(headRoot, dir)]).sort());
    const files = byPath(rendered);
    for (const dir of overlays) {
      const file = files.get(`${dir}/kustomization.yaml`);
      expect(file?.status).toBe('modified');
      expect(file?.after).toContain('side: head');
      expect(file?.renderedFrom).toEqual({ tool: 'kustomize', directory: dir });
    }
    expect(files.has('deploy/kustomize/base/kustomization.yaml')).toBe(false);
    const rawBase = files.get('deploy/kustomize/base/deployment.yaml');
    expect(rawBase).toMatchObject({
      status: 'modified',
      omitted: 'part of kustomization deploy/kustomize/base; read through the rendered output of deploy/kustomize/overlays/prod, deploy/kustomize/overlays/staging',
    });
    expect(rawBase?.note).toBeUndefined();
    expect(rawBase?.before).toBeUndefined();
    expect(rawBase?.after).toBeUndefined();
    expect(rawBase?.patch).toContain('livenessProbe');
  });

  it('builds a base by itself on the side where no overlay includes it', async () => {
    const { run, calls } = fakeRunner({ helm: () => ok('') });
    // The base side has no overlays at all: its base was built alone there, and is built through the overlays at the head.
    const bareBase = await mkdtemp(join(tmpdir(), 'tollgate-render-'));
    try {
      await cp(join(baseRoot, 'deploy/kustomize/base'), join(bareBase, 'deploy/kustomize/base'), { recursive: true });
      const rendered = await renderManifests(fixtureChanges, { headRoot, baseRoot: bareBase, helmValues: [], run });
      const built = calls.filter((call) => call.command === 'kubectl').map((call) => call.args[1]);
      expect(built.sort()).toEqual([join(bareBase, 'deploy/kustomize/base'), join(headRoot, 'deploy/kustomize/overlays/prod'), join(headRoot, 'deploy/kustomize/overlays/staging')].sort());
      expect(byPath(rendered).get('deploy/kustomize/base/kustomization.yaml')).toMatchObject({ status: 'removed', renderedFrom: { tool: 'kustomize', directory: 'deploy/kustomize/base' } });
    } finally {
      await rm(bareBase, { recursive: true, force: true });
    }
  });

  it('drops kustomizations whose rendered output is the same on both sides', async () => {
    const { run } = fakeRunner({ helm: () => ok(''), kubectl: () => ok('kind: Same\n') });
    const rendered = await renderManifests(fixtureChanges, { headRoot, baseRoot, helmValues: [], run });
    expect(rendered.files.filter((file) => file.path.endsWith('kustomization.yaml'))).toEqual([
      { path: 'deploy/kustomize/overlays/prod/kustomization.yaml', status: 'modified', size: expect.any(Number) as number, additions: 2, deletions: 2, patch: expect.any(String) as string, omitted: 'part of kustomization deploy/kustomize/overlays/prod; its rendered output did not change' },
    ]);
  });

  it('says once that no kustomize is installed, counting the kustomizations', async () => {
    const { run } = fakeRunner({ helm: () => ok(helmOutput.base), kubectl: () => notFound });
    const rendered = await renderManifests(fixtureChanges, { headRoot, baseRoot, helmValues: [], run });
    expect(rendered.notices).toEqual([{ kind: 'render', message: 'neither kubectl nor kustomize is installed: 2 kustomization(s) were read as raw manifests, not rendered' }]);
    const raw = fixtureChanges.files.filter((file) => file.path.startsWith('deploy/'));
    expect(rendered.files.filter((file) => file.path.startsWith('deploy/'))).toEqual(raw);
  });

  it('names the kustomization and the first error line when a build fails', async () => {
    const stderr = 'E1124 23:19:42.633714    7534 run.go:72] "command failed" err="accumulating resources: accumulation err=\'accumulating resources from \'../../base\'\': missing.yaml: no such file"\n';
    const { run } = fakeRunner({ helm: () => ok(''), kubectl: (side, dir) => (dir.endsWith('staging') && side === 'base' ? { exitCode: 1, stdout: '', stderr } : ok(`side: ${side}\n`)) });
    const rendered = await renderManifests(fixtureChanges, { headRoot, baseRoot, helmValues: [], run });
    expect(rendered.notices).toEqual([
      {
        kind: 'render',
        file: 'deploy/kustomize/overlays/staging/kustomization.yaml',
        message:
          "kustomize could not render deploy/kustomize/overlays/staging: accumulating resources: accumulation err='accumulating resources from '../../base'': missing.yaml: no such file (base version); its files were read as raw manifests",
      },
    ]);
    expect(byPath(rendered).has('deploy/kustomize/overlays/prod/kustomization.yaml')).toBe(true);
  });

  it.skipIf(!hasKubectl)('builds the real overlays with kubectl kustomize (needs kubectl on PATH; skipped without it)', async () => {
    const rendered = await renderManifests(fixtureChanges, { headRoot, baseRoot, helmValues: [], run: realKustomizeOnly() });
    const files = byPath(rendered);
    const prod = files.get('deploy/kustomize/overlays/prod/kustomization.yaml');
    expect(prod?.before).toContain('replicas: 3');
    expect(prod?.after).toContain('replicas: 4');
    expect(prod?.after).toContain('image: ghcr.io/example/checkout:1.5.0');
    expect(prod?.after).toContain('cpu: 500m');
    expect(files.get('deploy/kustomize/overlays/staging/kustomization.yaml')?.after).toContain('/livez');
    expect(rendered.notices).toEqual([{ kind: 'render', message: 'helm is not installed: 1 chart(s) were read as raw templates, not rendered' }]);

    expect(prod?.after).not.toContain('config.kubernetes.io/origin');

    const iac = parseIac(rendered.files);
    const deployment = iac.head.find((resource) => resource.address === 'apps/v1/Deployment/shop/prod-checkout');
    // Pointed at the manifest kustomize's origin annotation names, where the object is written.
    expect(deployment?.file).toBe('deploy/kustomize/base/deployment.yaml');
    expect(deployment?.line).toBe(1);
    expect(deployment?.attributeLines?.['spec.replicas']).toBe(6);
    expect(deployment?.attributeLines?.['spec.template.spec.containers.0.livenessProbe']).toBe(20);
    expect(iac.base.find((resource) => resource.address === 'apps/v1/Deployment/shop/prod-checkout')?.attributes).toMatchObject({ spec: { replicas: 3 } });
    expect(iac.head.some((resource) => resource.address === 'apps/v1/Deployment/shop-staging/checkout-staging')).toBe(true);
    // The raw files are represented by the overlays' output (each object scoped by its overlay), not read bare.
    expect(iac.head.filter((resource) => resource.scope === undefined)).toEqual([]);
  });

  it.skipIf(!hasKubectl)('analyses the objects of a base with two overlays once per overlay, not once more bare (needs kubectl)', async () => {
    const rendered = await renderManifests(fixtureChanges, { headRoot, baseRoot, helmValues: [], run: realKustomizeOnly() });
    const iac = parseIac(rendered.files);
    for (const side of [iac.base, iac.head]) {
      const deployments = side.filter((resource) => resource.type === 'Deployment' && resource.file.startsWith('deploy/'));
      expect(deployments.map((resource) => [resource.scope, resource.address]).sort()).toEqual([
        ['deploy/kustomize/overlays/prod', 'apps/v1/Deployment/shop/prod-checkout'],
        ['deploy/kustomize/overlays/staging', 'apps/v1/Deployment/shop-staging/checkout-staging'],
      ]);
      expect(side.filter((resource) => resource.type === 'Service' && resource.file.startsWith('deploy/'))).toHaveLength(2);
    }
    expect(iac.parseIssues).toEqual([]);
  });
});

/** The real runner for kubectl; helm answers "not installed" so the test does not depend on it. */
function realKustomizeOnly(): CommandRunner {
  const real = spawnRunner();
  return (command, args, options) => (command === 'kubectl' || command === 'kustomize' ? real(command, args, options) : Promise.resolve(notFound));
}

describe('renderManifests on a change without charts or kustomizations', () => {
  it('returns the change set untouched and runs nothing', async () => {
    const { run, calls } = fakeRunner();
    const changes: ChangeSet = { ...fixtureChanges, files: [{ path: 'docs/deploying.md', status: 'modified' }] };
    expect(await renderManifests(changes, { headRoot, baseRoot, helmValues: [], run })).toBe(changes);
    expect(calls).toEqual([]);
  });
});

describe('renderManifests never throws', () => {
  it('turns a runner that rejects into a notice and passes the files through', async () => {
    const run: CommandRunner = () => Promise.reject(new Error('EMFILE: too many open files\nstack'));
    const rendered = await renderManifests(fixtureChanges, { headRoot, baseRoot, helmValues: [], run });
    expect(rendered.files).toEqual(fixtureChanges.files);
    expect(rendered.notices).toEqual([{ kind: 'render', message: 'Helm charts and Kustomize overlays were not rendered: EMFILE: too many open files' }]);
  });

  it('maps any helm output to files of the chart only, without throwing', async () => {
    const unit = fc.constantFrom('---\n', '# Source: web/templates/', 'deployment.yaml\n', '../', 'x.yaml\n', 'kind: Deployment\n', '{{', '\n', 'a: [\n');
    await fc.assert(
      fc.asyncProperty(fc.string({ unit }), fc.string({ unit }), async (base, head) => {
        const { run } = fakeRunner({ helm: (side) => ok(side === 'base' ? base : head), kubectl: () => ok('') });
        const rendered = await renderManifests(fixtureChanges, { headRoot, baseRoot, helmValues: [], run });
        const added = rendered.files.filter((file) => !fixtureChanges.files.some((raw) => raw.path === file.path));
        for (const file of added) expect(file.path.startsWith('charts/web/') && !file.path.split('/').includes('..')).toBe(true);
        expect(() => parseIac(rendered.files)).not.toThrow();
      }),
      // A segment such as `{{..` is a file name, not a step up; the example pins the case that told them apart.
      { numRuns: 40, examples: [['', '# Source: web/templates/{{../---\n']] },
    );
  });

  it('copes with a head root that does not exist', async () => {
    const { run } = fakeRunner();
    const rendered = await renderManifests(fixtureChanges, { headRoot: join(fixtures, 'no-such-tree'), helmValues: [], run });
    expect(rendered.files).toEqual(fixtureChanges.files);
  });

  it('keeps the entry but not the text of rendered output above the size limit', async () => {
    const big = `---\n# Source: web/templates/deployment.yaml\nkind: Deployment\ndata: ${'x'.repeat(2000)}\n`;
    const { run } = fakeRunner({ helm: (side) => ok(side === 'head' ? big : helmOutput.base), kubectl: () => ok('') });
    const rendered = await renderManifests(fixtureChanges, { headRoot, baseRoot, helmValues: [], run, maxFileBytes: 1000 });
    const deployment = byPath(rendered).get('charts/web/templates/deployment.yaml');
    expect(deployment?.after).toBeUndefined();
    expect(deployment?.note).toBe('larger than the 1000 bytes size limit; raise `limits.max-file-bytes` in the tollgate config to analyse it');
    expect(parseIac(rendered.files).parseIssues).toContainEqual({ file: 'charts/web/templates/deployment.yaml', side: 'head', message: deployment?.note });
  });
});

describe.skipIf(!hasHelm)('renderManifests with the real helm (needs helm on PATH; skipped without it)', () => {
  it('renders the fixture chart on both sides', async () => {
    const rendered = await renderManifests(fixtureChanges, { headRoot, baseRoot, helmValues: HELM_VALUES });
    const files = byPath(rendered);
    expect(files.get('charts/web/templates/deployment.yaml')?.after).toContain('readinessProbe:');
    expect(files.get('charts/web/templates/hpa.yaml')?.after).toContain('maxReplicas: 20');
    expect(files.has('charts/web/templates/service.yaml')).toBe(false);
    expect(rendered.notices.filter((notice) => notice.message.includes('helm'))).toEqual([]);
  });
});
