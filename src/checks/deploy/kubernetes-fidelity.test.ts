import { describe, expect, it } from 'vitest';
import { at, kubernetesChanges, runRule } from './test-support.js';

/**
 * Pod semantics the established tools and the Kubernetes controllers agree on: the request a pod
 * reserves with init containers, what gates an Argo rollout, which pods a spread term counts, and
 * when a PodDisruptionBudget allows no eviction. Each case names the lines it expects by their text.
 */
type Case = [rule: string, name: string, yaml: string, reportedLines: string[]];

function expectCase(rule: string, yaml: string, reportedLines: readonly string[]) {
  const findings = runRule(rule, kubernetesChanges(yaml));
  expect(findings.map((finding) => finding.line)).toEqual(reportedLines.map((text) => at(yaml, text)));
  for (const finding of findings) expect(finding.fix).not.toBe('');
  return findings;
}

const withInit = (initContainers: string, containers: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  replicas: 3
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      initContainers:
${initContainers}      containers:
${containers}`;

const api = `        - name: api
          image: ghcr.io/acme/api:3.1.0
          resources:
            requests: { cpu: 250m, memory: 256Mi }
            limits: { memory: 512Mi }
`;
const apiLimitedOnly = `        - name: api
          image: ghcr.io/acme/api:3.1.0
          resources:
            limits: { cpu: 500m, memory: 512Mi }
`;
const apiUnsized = `        - name: api
          image: ghcr.io/acme/api:3.1.0
`;
const migrate = `        - name: migrate
          image: ghcr.io/acme/api:3.1.0
          command: [./migrate, up]
`;
const migrateInverted = `        - name: migrate
          image: ghcr.io/acme/api:3.1.0
          resources:
            requests: { cpu: 250m, memory: 1Gi }
            limits: { memory: 256Mi }
`;
const migrateMalformed = `        - name: migrate
          image: ghcr.io/acme/api:3.1.0
          resources:
            requests: { cpu: half, memory: 64Mi }
            limits: { memory: 64Mi }
`;
const proxySidecar = `        - name: proxy
          image: ghcr.io/acme/proxy:1.9.0
          restartPolicy: Always
`;

const initContainerCases: Case[] = [
  ['k8s-resource-requests', 'an init container without requests beside sized app containers', withInit(migrate, api), []],
  ['k8s-resource-requests', 'an app container sized by its limits (the API server copies them)', withInit(migrate, apiLimitedOnly), []],
  ['k8s-resource-requests', 'an unsized app container is reported, its unsized init container is not', withInit(migrate, apiUnsized), ['- name: api', '- name: api']],
  ['k8s-resource-requests', 'a native sidecar without requests runs beside the app', withInit(proxySidecar, api), ['- name: proxy', '- name: proxy']],
  ['k8s-resource-requests', 'a malformed init request', withInit(migrateMalformed, api), ['cpu: half']],
  ['k8s-resource-limits', 'an init container without a memory limit', withInit(migrate, api), []],
  ['k8s-resource-limits', 'a native sidecar without a memory limit', withInit(proxySidecar, api), ['- name: proxy']],
  ['k8s-resource-limits', 'an init container limited below its request', withInit(migrateInverted, api), ['limits: { memory: 256Mi }']],
];

const rollout = (strategy: string) => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: api, namespace: shop }
spec:
  replicas: 4
  strategy:
${strategy}  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:3.1.0
`;
const background = '      analysis: { templates: [{ templateName: error-rate }] }\n';

const rolloutCases: Case[] = [
  ['rollout-canary-analysis', 'an analysis step holds the rollout as a pause does', rollout(`    canary:\n      steps:\n        - setWeight: 25\n        - analysis: { templates: [{ templateName: error-rate }] }\n`), []],
  ['rollout-canary-analysis', 'an experiment step with analyses holds and judges', rollout(`    canary:\n      steps:\n        - setWeight: 10\n        - experiment:\n            templates: [{ name: candidate, specRef: canary }]\n            analyses: [{ name: compare, templateName: error-rate }]\n`), []],
  ['rollout-canary-analysis', 'background analysis beside pause steps', rollout(`    canary:\n${background}      steps:\n        - setWeight: 20\n        - pause: { duration: 10m }\n`), []],
  ['rollout-canary-analysis', 'an experiment without analyses holds but judges nothing', rollout(`    canary:\n      steps:\n        - setWeight: 10\n        - experiment: { duration: 15m, templates: [{ name: candidate, specRef: canary }] }\n`), ['canary:']],
  ['rollout-canary-analysis', 'background analysis with no step to hold it is stopped at once', rollout(`    canary:\n${background}      steps:\n        - setWeight: 20\n        - setWeight: 60\n`), ['steps:']],
  ['rollout-canary-analysis', 'weights only: nothing holds and nothing judges', rollout(`    canary:\n      steps:\n        - setWeight: 20\n        - setWeight: 60\n`), ['steps:', 'canary:']],
  ['rollout-canary-analysis', 'pauses only: held but not judged', rollout(`    canary:\n      steps:\n        - setWeight: 20\n        - pause: {}\n`), ['canary:']],
  ['rollout-bluegreen-promotion', 'automatic promotion watched by a post-promotion analysis', rollout(`    blueGreen:\n      activeService: api\n      postPromotionAnalysis: { templates: [{ templateName: error-rate }] }\n`), []],
  ['rollout-bluegreen-promotion', 'automatic promotion checked by a pre-promotion analysis', rollout(`    blueGreen:\n      activeService: api\n      prePromotionAnalysis: { templates: [{ templateName: smoke }] }\n`), []],
  ['rollout-bluegreen-promotion', 'automatic promotion that nothing watches', rollout(`    blueGreen:\n      activeService: api\n      autoPromotionEnabled: true\n`), ['autoPromotionEnabled: true']],
];

const spreading = (placement: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  replicas: 3
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api, tier: web } }
    spec:
${placement}      containers:
        - name: api
          image: ghcr.io/acme/api:3.1.0
`;
const required = (term: string) => `      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            - topologyKey: kubernetes.io/hostname\n${term}`;
const preferred = (term: string) => `      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 100\n              podAffinityTerm:\n                topologyKey: kubernetes.io/hostname\n${term.replace(/^ {14}/gm, '                ')}`;
const constraint = (term: string) => `      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: topology.kubernetes.io/zone\n          whenUnsatisfiable: ScheduleAnyway\n${term.replace(/^ {14}/gm, '          ')}`;

const spreadCases: Case[] = [
  ['k8s-spread', 'required anti-affinity on its own matchLabels', spreading(required('              labelSelector: { matchLabels: { app: api } }\n')), []],
  ['k8s-spread', 'preferred anti-affinity with In', spreading(preferred('              labelSelector: { matchExpressions: [{ key: app, operator: In, values: [api, api-canary] }] }\n')), []],
  ['k8s-spread', 'a spread constraint with NotIn of another value', spreading(constraint('              labelSelector: { matchExpressions: [{ key: tier, operator: NotIn, values: [batch] }] }\n')), []],
  ['k8s-spread', 'a spread constraint with Exists', spreading(constraint('              labelSelector: { matchExpressions: [{ key: app, operator: Exists }] }\n')), []],
  ['k8s-spread', 'an empty labelSelector counts every pod, its own too', spreading(constraint('              labelSelector: {}\n')), []],
  ['k8s-spread', 'one term keeps away from another app, another spreads its own', spreading(`${required('              labelSelector: { matchLabels: { app: postgres } }\n')}      topologySpreadConstraints:\n        - { maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { tier: web } } }\n`), []],
  ['k8s-spread', 'its own namespace listed', spreading(required('              namespaces: [shop]\n              labelSelector: { matchLabels: { app: api } }\n')), []],
  ['k8s-spread', 'required anti-affinity selecting another app', spreading(required('              labelSelector: { matchLabels: { app: apii } }\n')), ['labelSelector: { matchLabels: { app: apii } }']],
  ['k8s-spread', 'preferred anti-affinity with In of other values', spreading(preferred('              labelSelector: { matchExpressions: [{ key: app, operator: In, values: [web] }] }\n')), ['operator: In']],
  ['k8s-spread', 'a spread constraint with NotIn of its own value', spreading(constraint('              labelSelector: { matchExpressions: [{ key: tier, operator: NotIn, values: [web] }] }\n')), ['operator: NotIn']],
  ['k8s-spread', 'a spread constraint with DoesNotExist of its own label', spreading(constraint('              labelSelector: { matchExpressions: [{ key: app, operator: DoesNotExist }] }\n')), ['operator: DoesNotExist']],
  ['k8s-spread', 'a spread constraint without a labelSelector counts no pod', spreading(constraint('')), ['- maxSkew: 1']],
  ['k8s-spread', 'anti-affinity looking only in another namespace', spreading(required('              namespaces: [payments]\n              labelSelector: { matchLabels: { app: api } }\n')), ['labelSelector: { matchLabels: { app: api } }']],
  ['k8s-spread', 'an anti-affinity block with no terms', spreading('      affinity:\n        podAntiAffinity: {}\n'), ['    spec:']],
];

const budgeted = (replicas: number, policy: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:3.1.0
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: api, namespace: shop }
spec:
  ${policy}
  selector: { matchLabels: { app: api } }
${extra}`;
const hpa = (min: number) => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: api, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: api }
  minReplicas: ${min}
  maxReplicas: 10
`;
const worker = `---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api-worker, namespace: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: api, role: worker } }
  template:
    metadata: { labels: { app: api, role: worker } }
    spec:
      containers:
        - name: worker
          image: ghcr.io/acme/api:3.1.0
`;

const budgetCases: Case[] = [
  ['k8s-pdb-allows-eviction', 'maxUnavailable 1', budgeted(3, 'maxUnavailable: 1'), []],
  ['k8s-pdb-allows-eviction', 'a small maxUnavailable percentage rounds up to one pod', budgeted(3, 'maxUnavailable: "10%"'), []],
  ['k8s-pdb-allows-eviction', 'minAvailable below the replicas', budgeted(3, 'minAvailable: 2'), []],
  ['k8s-pdb-allows-eviction', 'minAvailable 66% of 3 rounds up to 2', budgeted(3, 'minAvailable: "66%"'), []],
  ['k8s-pdb-allows-eviction', 'minAvailable counts the pods of every workload it covers', budgeted(2, 'minAvailable: 3', worker), []],
  ['k8s-pdb-allows-eviction', 'a workload scaled to zero has nothing to evict', budgeted(0, 'minAvailable: 1'), []],
  ['k8s-pdb-allows-eviction', 'maxUnavailable 0', budgeted(3, 'maxUnavailable: 0'), ['maxUnavailable: 0']],
  ['k8s-pdb-allows-eviction', 'maxUnavailable 0%', budgeted(3, 'maxUnavailable: "0%"'), ['maxUnavailable: "0%"']],
  ['k8s-pdb-allows-eviction', 'maxUnavailable as a quoted number', budgeted(3, 'maxUnavailable: "1"'), ['maxUnavailable: "1"']],
  ['k8s-pdb-allows-eviction', 'minAvailable equal to the replicas', budgeted(3, 'minAvailable: 3'), ['minAvailable: 3']],
  ['k8s-pdb-allows-eviction', 'minAvailable 100%', budgeted(3, 'minAvailable: "100%"'), ['minAvailable: "100%"']],
  ['k8s-pdb-allows-eviction', 'minAvailable 67% of 3 rounds up to 3', budgeted(3, 'minAvailable: "67%"'), ['minAvailable: "67%"']],
  ['k8s-pdb-allows-eviction', 'minAvailable 50% of a single replica', budgeted(1, 'minAvailable: "50%"'), ['minAvailable: "50%"']],
  ['k8s-pdb-allows-eviction', "minAvailable equal to the HPA's minReplicas", budgeted(5, 'minAvailable: 2', hpa(2)), ['minAvailable: 2']],
  ['k8s-pdb-allows-eviction', 'minAvailable above 100%', budgeted(3, 'minAvailable: "150%"'), ['minAvailable: "150%"']],
];

const served = (containers: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
${containers}---
apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec: { selector: { app: api }, ports: [{ port: 80, targetPort: 8080 }] }
`;
const probed = '        - name: api\n          image: ghcr.io/acme/api:3.1.0\n          readinessProbe: { httpGet: { path: /ready, port: 8080 } }\n';
const shipper = '        - name: log-shipper\n          image: ghcr.io/acme/shipper:0.9.1\n';
const statefulSet = (serviceName: string, service: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: shop }
spec:
  serviceName: ${serviceName}
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers:
        - name: db
          image: ghcr.io/acme/db:16.4
---
apiVersion: v1
kind: Service
metadata: { name: db-headless, namespace: shop }
spec: { clusterIP: None, selector: ${service}, ports: [{ port: 5432 }] }
`;
const listening = (port: string, probe: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: dns, namespace: shop }
spec:
  selector: { matchLabels: { app: dns } }
  template:
    metadata: { labels: { app: dns } }
    spec:
      containers:
        - name: dns
          image: ghcr.io/acme/dns:1.11.3
          ports: [${port}]
          livenessProbe: ${probe}
`;
const strategy = (type: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  replicas: 2
  strategy: { type: ${type} }
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:3.1.0
`;
const capabilities = (add: string) => `apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: shop }
spec:
  securityContext: { runAsNonRoot: true, runAsUser: 10001 }
  containers:
    - name: debug
      image: ghcr.io/acme/debug:0.3.0
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities: { add: [${add}] }
`;

const comparedCases: Case[] = [
  ['k8s-readiness-probe', 'a probeless sidecar beside a probed container, no ports declared', served(probed + shipper), []],
  ['k8s-readiness-probe', 'a probeless sidecar without ports beside the container that declares one', served(probed.replace('          readinessProbe', '          ports: [{ containerPort: 8080 }]\n          readinessProbe') + shipper), []],
  ['k8s-readiness-probe', 'no container probed, none declaring ports: each is reported', served(probed.replace(/ {10}readinessProbe.*\n/, '') + shipper), ['- name: api', '- name: log-shipper']],
  ['k8s-readiness-probe', 'the container that declares the port has no probe', served(shipper.replace('0.9.1\n', '0.9.1\n          readinessProbe: { exec: { command: [true] } }\n') + probed.replace(/ {10}readinessProbe.*\n/, '          ports: [{ containerPort: 8080 }]\n')), ['- name: api']],
  ['k8s-statefulset', 'serviceName names the headless Service that selects its pods', statefulSet('db-headless', '{ app: db }'), []],
  ['k8s-statefulset', 'serviceName names a Service the change does not ship beside one it does', statefulSet('db', '{ app: db }'), ['serviceName: db']],
  ['k8s-statefulset', 'the headless Service selects other pods', statefulSet('db-headless', '{ app: cache }'), ['serviceName: db-headless']],
  ['k8s-probe-port', 'a TCP port beside a UDP one of the same number', listening('{ name: dns, containerPort: 53, protocol: UDP }, { name: dns-tcp, containerPort: 53 }', '{ tcpSocket: { port: dns-tcp } }'), []],
  ['k8s-probe-port', 'a probe on a port declared for UDP only', listening('{ name: dns, containerPort: 53, protocol: UDP }', '{ tcpSocket: { port: dns } }'), ['livenessProbe: { tcpSocket: { port: dns } }']],
  ['k8s-rolling-update', 'RollingUpdate', strategy('RollingUpdate'), []],
  ['k8s-rolling-update', 'a strategy type Kubernetes does not know', strategy('Rolling'), ['strategy: { type: Rolling }']],
  ['k8s-security-context', 'a narrow added capability', capabilities('NET_BIND_SERVICE'), []],
  ['k8s-security-context', 'an added SYS_ADMIN capability', capabilities('SYS_ADMIN'), ['capabilities: { add: [SYS_ADMIN] }']],
  ['k8s-spread', 'a constraint the API server takes, on one replica', spreading(constraint('              labelSelector: { matchLabels: { app: api } }\n')).replace('replicas: 3', 'replicas: 1'), []],
  ['k8s-spread', 'a constraint the API server rejects is reported even on one replica', spreading(constraint('              labelSelector: { matchLabels: { app: api } }\n').replace('maxSkew: 1', 'maxSkew: 0')).replace('replicas: 3', 'replicas: 1'), ['maxSkew: 0']],
];

describe('pod semantics as the controllers apply them', () => {
  it.each(initContainerCases)('init containers, %s: %s', (rule, _name, yaml, lines) => {
    expectCase(rule, yaml, lines);
  });

  it.each(rolloutCases)('Argo Rollouts, %s: %s', (rule, _name, yaml, lines) => {
    expectCase(rule, yaml, lines);
  });

  it.each(spreadCases)('spreading, %s: %s', (rule, _name, yaml, lines) => {
    expectCase(rule, yaml, lines);
  });

  it.each(budgetCases)('disruption budgets, %s: %s', (rule, _name, yaml, lines) => {
    expectCase(rule, yaml, lines);
  });

  it.each(comparedCases)('found while comparing with kube-score and kube-linter, %s: %s', (rule, _name, yaml, lines) => {
    expectCase(rule, yaml, lines);
  });

  it('says why a spread term spreads nothing: its selector against the pod labels', () => {
    const [finding] = expectCase('k8s-spread', spreading(required('              labelSelector: { matchLabels: { app: apii } }\n')), ['app: apii']);
    expect(finding?.message).toContain('(app=apii; the pods are labelled app=api, tier=web)');
  });

  it('says why background analysis alone does not hold a canary', () => {
    const [finding] = expectCase('rollout-canary-analysis', rollout(`    canary:\n${background}      steps:\n        - setWeight: 50\n`), ['steps:']);
    expect(finding?.message).toMatch(/background analysis is stopped when the last step completes/);
  });

  it("names the HPA's minimum and the rounding when minAvailable blocks eviction", () => {
    expect(expectCase('k8s-pdb-allows-eviction', budgeted(5, 'minAvailable: 2', hpa(2)), ['minAvailable: 2'])[0]?.message).toContain("for 2 pods at its HPA's minReplicas");
    expect(expectCase('k8s-pdb-allows-eviction', budgeted(3, 'minAvailable: "67%"'), ['minAvailable: "67%"'])[0]?.message).toContain('(3 of 3, rounded up)');
  });
});
