import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kubernetesResources } from '../../iac/kubernetes.js';
import { kubernetesSuppressions } from '../../iac/kubernetes-suppressions.js';
import { parseYamlDocuments } from '../../iac/yaml-documents.js';
import { DEPLOY_RULES } from './index.js';
import { imagePin } from './image-tag.js';
import { parseQuantity } from './quantity.js';
import { kubernetesChanges, runRule } from './test-support.js';

function run(id: string, yaml: string, options: Record<string, unknown> = {}, path?: string) {
  return runRule(id, kubernetesChanges(yaml, path), options);
}

const container = (extra = '') => `      containers:
        - name: app
          image: ghcr.io/acme/app:1.2.3
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { memory: 256Mi }
          readinessProbe: { httpGet: { path: /ready, port: 8080 } }
          livenessProbe: { httpGet: { path: /live, port: 8080 } }
${extra}`;

const deployment = (spec: string, podSpec = '', extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: app, namespace: shop }
spec:
${spec}
  selector: { matchLabels: { app: app } }
  template:
    metadata: { labels: { app: app } }
    spec:
${podSpec}${container(extra)}`;

const service = `---
apiVersion: v1
kind: Service
metadata: { name: app, namespace: shop }
spec: { selector: { app: app }, ports: [{ port: 80 }] }
`;

// [rule, case, manifest, expected finding lines]
const cases: Array<[string, string, string, number[]]> = [
  ['k8s-readiness-probe', 'probe present', deployment('  replicas: 2') + service, []],
  ['k8s-readiness-probe', 'behind a Service without probe', deployment('  replicas: 2').replace(/ {10}readinessProbe.*\n/, '') + service, [11]],
  ['k8s-readiness-probe', 'no Service, no port: a worker', deployment('  replicas: 2').replace(/ {10}readinessProbe.*\n/, ''), []],
  ['k8s-liveness-probe', 'distinct probes', deployment('  replicas: 2'), []],
  ['k8s-liveness-probe', 'missing', deployment('  replicas: 2').replace(/ {10}livenessProbe.*\n/, ''), [11]],
  ['k8s-liveness-probe', 'identical to readiness', deployment('  replicas: 2').replace('/live', '/ready'), [17]],
  ['k8s-resource-requests', 'both set', deployment('  replicas: 2'), []],
  ['k8s-resource-requests', 'cpu missing, memory malformed', deployment('  replicas: 2').replace('cpu: 100m, memory: 128Mi', 'memory: 1 Gi'), [14, 14]],
  ['k8s-resource-limits', 'limit above request', deployment('  replicas: 2'), []],
  ['k8s-resource-limits', 'limit below request', deployment('  replicas: 2').replace('memory: 256Mi', 'memory: 64Mi'), [15]],
  ['k8s-resource-limits', 'no memory limit', deployment('  replicas: 2').replace(/ {12}limits.*\n/, ''), [13]],
  ['k8s-replicas', 'two replicas', deployment('  replicas: 2'), []],
  ['k8s-replicas', 'one replica', deployment('  replicas: 1'), [5]],
  ['k8s-replicas', 'unset', deployment('  minReadySeconds: 5'), [4]],
  ['k8s-replicas', 'a string', deployment('  replicas: "3"'), [5]],
  ['k8s-rolling-update', 'RollingUpdate', deployment('  replicas: 3\n  strategy: { type: RollingUpdate, rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } }'), []],
  ['k8s-rolling-update', 'Recreate with 3 replicas', deployment('  replicas: 3\n  strategy:\n    type: Recreate'), [7]],
  ['k8s-rolling-update', 'maxUnavailable 100%', deployment('  replicas: 3\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 100%'), [8]],
  ['k8s-rolling-update', 'surge and unavailable 0', deployment('  replicas: 3\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 0'), [7]],
  ['k8s-rollout-timing', 'all set', deployment('  replicas: 2\n  minReadySeconds: 5\n  progressDeadlineSeconds: 300'), []],
  ['k8s-rollout-timing', 'revisionHistoryLimit 0', deployment('  replicas: 2\n  minReadySeconds: 5\n  progressDeadlineSeconds: 300\n  revisionHistoryLimit: 0'), [8]],
  ['k8s-spread', 'spread set', deployment('  replicas: 2', '      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: app } } }]\n'), []],
  ['k8s-spread', 'no spread', deployment('  replicas: 2'), [9]],
  ['k8s-image-tag', 'tagged', deployment('  replicas: 2'), []],
  ['k8s-image-tag', 'latest', deployment('  replicas: 2').replace(':1.2.3', ':latest'), [12]],
  ['k8s-image-tag', 'no tag behind a registry port', deployment('  replicas: 2').replace('ghcr.io/acme/app:1.2.3', 'localhost:5000/app'), [12]],
  ['k8s-selector-match', 'matching', deployment('  replicas: 2') + service, []],
  ['k8s-selector-match', 'selector differs from labels', deployment('  replicas: 2').replace('matchLabels: { app: app }', 'matchLabels: { app: other }'), [6]],
  ['k8s-selector-match', 'Service selects nothing', deployment('  replicas: 2') + service.replace('selector: { app: app }', 'selector: { app: ap }'), [22]],
  ['k8s-deprecated-api', 'extensions/v1beta1', deployment('  replicas: 2').replace('apps/v1', 'extensions/v1beta1'), [1]],
];

describe('deploy rules, valid and invalid manifests', () => {
  it.each(cases)('%s: %s', (id, _name, yaml, lines) => {
    expect(run(id, yaml).map((finding) => finding.line)).toEqual(lines);
  });

  it('k8s-image-tag requires a digest when asked', () => {
    expect(run('k8s-image-tag', deployment('  replicas: 2'), { 'require-digest': true })).toHaveLength(1);
    expect(run('k8s-image-tag', deployment('  replicas: 2').replace(':1.2.3', `@sha256:${'a'.repeat(64)}`), { 'require-digest': true })).toEqual([]);
  });

  it('production-only rules relax in a non-production namespace or path', () => {
    expect(run('k8s-replicas', deployment('  replicas: 1').replace('namespace: shop', 'namespace: shop-staging'))).toEqual([]);
    expect(run('k8s-replicas', deployment('  replicas: 1'), {}, 'envs/dev/app.yaml')).toEqual([]);
    expect(run('k8s-replicas', deployment('  replicas: 1'), {}, 'envs/devops/app.yaml')).toHaveLength(1);
  });

  it('a Flagger-managed Deployment passes the rolling-update rules', () => {
    const canary = `---
apiVersion: flagger.app/v1beta1
kind: Canary
metadata: { name: app, namespace: shop }
spec:
  targetRef: { apiVersion: apps/v1, kind: Deployment, name: app }
  analysis: { interval: 1m, threshold: 5, maxWeight: 50, stepWeight: 10, metrics: [{ name: request-success-rate, thresholdRange: { min: 99 }, interval: 1m }] }
`;
    const yaml = deployment('  replicas: 3\n  strategy:\n    type: Recreate') + canary;
    expect(run('k8s-rolling-update', yaml)).toEqual([]);
    expect(run('k8s-rollout-timing', yaml)).toEqual([]);
    expect(run('rollout-canary-analysis', yaml)).toEqual([]);
    expect(run('rollout-canary-analysis', yaml.replace(/ {2}analysis:.*\n/, ''))).toHaveLength(1);
  });

  it('Argo Rollouts: canary without pause or analysis, blue-green auto-promotion without analysis', () => {
    const rollout = (strategy: string) => deployment('  replicas: 3').replace('kind: Deployment', 'kind: Rollout').replace('apps/v1', 'argoproj.io/v1alpha1').replace('  replicas: 3', `  replicas: 3\n  strategy:\n${strategy}`);
    expect(run('rollout-canary-analysis', rollout('    canary:\n      steps:\n        - setWeight: 20\n        - setWeight: 50')).map((f) => f.line)).toEqual([8, 7]);
    expect(run('rollout-canary-analysis', rollout('    canary:\n      analysis: { templates: [{ templateName: success-rate }] }\n      steps:\n        - setWeight: 20\n        - pause: { duration: 5m }'))).toEqual([]);
    expect(run('rollout-bluegreen-promotion', rollout('    blueGreen:\n      activeService: app\n      scaleDownDelaySeconds: 0')).map((f) => f.line)).toEqual([7, 9]);
    expect(run('rollout-bluegreen-promotion', rollout('    blueGreen:\n      activeService: app\n      autoPromotionEnabled: false'))).toEqual([]);
  });

  it('never crashes on a workload without containers or with odd values', () => {
    const odd = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: x }\nspec:\n  replicas: "{{ .Values.n }}"\n  template: { spec: { containers: [null, 3, { name: y, resources: { requests: { cpu: [1] } } }] } }\n';
    for (const deployRule of DEPLOY_RULES) expect(() => run(deployRule.id, odd)).not.toThrow();
  });
});

describe('parseQuantity', () => {
  const table: Array<[unknown, number | undefined]> = [
    ['500m', 0.5],
    ['1Gi', 2 ** 30],
    ['1e3', 1000],
    ['0.5', 0.5],
    [2, 2],
    ['128974848', 128974848],
    ['1 Gi', undefined],
    ['abc', undefined],
    ['', undefined],
    [null, undefined],
  ];
  it.each(table)('%s → %s', (input, expected) => {
    expect(parseQuantity(input)).toBe(expected);
  });

  it('never throws and returns a finite number or undefined for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const value = parseQuantity(text);
        expect(value === undefined || Number.isFinite(value)).toBe(true);
      }),
    );
  });

  it('reads every integer with every binary suffix', () => {
    fc.assert(fc.property(fc.nat(100000), fc.constantFrom('Ki', 'Mi', 'Gi'), (n, suffix) => parseQuantity(`${n}${suffix}`) === n * { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 }[suffix]));
  });
});

describe('imagePin', () => {
  it.each([
    ['nginx', 'none'],
    ['nginx:latest', 'latest'],
    ['nginx:1.27', 'tag'],
    ['localhost:5000/app', 'none'],
    ['localhost:5000/app:2', 'tag'],
    [`nginx@sha256:${'0'.repeat(64)}`, 'digest'],
  ])('%s is pinned by %s', (image, kind) => {
    expect(imagePin(image).kind).toBe(kind);
  });
});

describe('kubernetesSuppressions', () => {
  const annotated = (annotations: string) => {
    const yaml = deployment('  replicas: 1').replace('metadata: { name: app, namespace: shop }', `metadata:\n  name: app\n  namespace: shop\n  annotations:\n${annotations}`);
    const { documents } = parseYamlDocuments(yaml, 'deploy/app.yaml', 'head');
    return kubernetesSuppressions(kubernetesResources(documents, 'deploy/app.yaml'), ['k8s-replicas', 'k8s-spread']);
  };

  it('reads tollgate.dev/ignore with its reason and covers the whole object', () => {
    const found = annotated('    tollgate.dev/ignore: "k8s-replicas,k8s-spread: singleton by design"');
    expect(found).toEqual([
      { file: 'deploy/app.yaml', line: 1, endLine: expect.any(Number), ruleId: 'k8s-replicas', reason: 'singleton by design' },
      { file: 'deploy/app.yaml', line: 1, endLine: expect.any(Number), ruleId: 'k8s-spread', reason: 'singleton by design' },
    ]);
    expect(found[0]?.endLine).toBeGreaterThanOrEqual(8);
  });

  it('takes the reason from tollgate.dev/ignore-reason, expands *, and honours other tools', () => {
    expect(new Set(annotated('    tollgate.dev/ignore: "*"\n    tollgate.dev/ignore-reason: leader election').map((s) => `${s.ruleId} ${s.reason}`))).toEqual(new Set(['k8s-replicas leader election', 'k8s-spread leader election']));
    expect(new Set(annotated('    kube-score/ignore: deployment-replicas').map((s) => s.ruleId))).toEqual(new Set(['k8s-replicas']));
    expect(new Set(annotated('    ignore-check.kube-linter.io/latest-tag: "pinned by the CD tool"').map((s) => `${s.ruleId} ${s.reason}`))).toEqual(new Set(['k8s-image-tag pinned by the CD tool']));
    expect(annotated('    polaris.fairwinds.com/deploymentMissingReplicas-exempt: "true"').map((s) => s.ruleId)).toContain('k8s-replicas');
  });
});
