import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FOREIGN_EQUIVALENTS } from '../../iac/kubernetes-suppressions.js';
import { edit, kubernetesChanges, runRule } from './test-support.js';

/**
 * Our verdict on manifests like the test cases of kube-score and kube-linter, one entry per check
 * of theirs that maps to a rule of ours. Every manifest is written here; each pair differs only in
 * what their check looks at, with everything else our rule asks for in place, so a verdict is about
 * that aspect alone. docs/rules/agreement.md is the table these cases decide.
 */
type Verdict = 'reports' | 'passes';

interface Case {
  name: string;
  rule: string;
  yaml: string;
  theirs: Verdict;
  ours: Verdict;
}

interface Check {
  tool: 'kube-score' | 'kube-linter';
  check: string;
  cases: Case[];
}

const docs = (...parts: string[]) => parts.join('---\n');

const web = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001 }
      topologySpreadConstraints:
        - { maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: web } } }
      containers:
        - name: web
          image: ghcr.io/acme/web:2.4.1
          ports:
            - { name: http, containerPort: 8080 }
          env:
            - { name: LOG_LEVEL, value: info }
          resources:
            requests: { cpu: 250m, memory: 256Mi }
            limits: { cpu: 500m, memory: 512Mi }
          securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true }
          readinessProbe: { httpGet: { path: /ready, port: http } }
          livenessProbe: { httpGet: { path: /live, port: http } }
`;
const REPLICAS = '  replicas: 3\n';
const SPREAD = '      topologySpreadConstraints:\n        - { maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: web } } }\n';
const PORTS = '          ports:\n            - { name: http, containerPort: 8080 }\n';
const READINESS = '          readinessProbe: { httpGet: { path: /ready, port: http } }\n';
const LIVENESS = '          livenessProbe: { httpGet: { path: /live, port: http } }\n';
const CONTAINER_CONTEXT = '          securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true }\n';
const POD_CONTEXT = '      securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001 }\n';
const RESOURCES = '            requests: { cpu: 250m, memory: 256Mi }\n            limits: { cpu: 500m, memory: 512Mi }\n';

const webWith = (from: string, to: string) => edit(web, from, to);
const webSpec = (lines: string) => webWith('      containers:\n', `${lines}      containers:\n`);
const webContainer = (lines: string) => webWith(LIVENESS, LIVENESS + lines);
const antiAffinity = (term: string) => webWith(SPREAD, `      affinity:\n        podAntiAffinity:\n${term}`);
const required = (selector: string) => `          requiredDuringSchedulingIgnoredDuringExecution:\n            - topologyKey: kubernetes.io/hostname\n              labelSelector: ${selector}\n`;
const preferred = (selector: string) => `          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 100\n              podAffinityTerm:\n                topologyKey: kubernetes.io/hostname\n                labelSelector: ${selector}\n`;
const withInit = webSpec('      initContainers:\n        - name: migrate\n          image: ghcr.io/acme/web:2.4.1\n          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true }\n');

const service = (spec = '  selector: { app: web }\n  ports: [{ port: 80, targetPort: http }]\n', namespace = 'shop') => `apiVersion: v1
kind: Service
metadata: { name: web, namespace: ${namespace} }
spec:
${spec}`;
const pdb = (policy: string, selector = 'matchLabels: { app: web }') => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: web, namespace: shop }
spec:
${policy === '' ? '' : `  ${policy}\n`}  selector:
    ${selector}
`;
const hpa = (target: string, min: number) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${target} }
  minReplicas: ${min}
  maxReplicas: 10
`;
const networkPolicy = (labels: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web, namespace: shop }
spec:
  podSelector:
    matchLabels: ${labels}
  policyTypes: [Ingress]
`;

const db = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: shop
spec:
  replicas: 3
  serviceName: db
  selector:
    matchLabels: { app: db }
  template:
    metadata:
      labels: { app: db }
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - topologyKey: kubernetes.io/hostname
              labelSelector: { matchLabels: { app: db } }
      containers:
        - name: db
          image: ghcr.io/acme/db:16.4
`;
const DB_AFFINITY = '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            - topologyKey: kubernetes.io/hostname\n              labelSelector: { matchLabels: { app: db } }\n';
const dbService = (name = 'db', extra = '  clusterIP: None\n', selector = '{ app: db }') => `apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: shop }
spec:
${extra}  selector: ${selector}
  ports: [{ port: 5432 }]
`;

const cron = `apiVersion: batch/v1
kind: CronJob
metadata: { name: report, namespace: shop }
spec:
  schedule: "0 3 * * *"
  startingDeadlineSeconds: 300
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: ghcr.io/acme/report:1.0.0
`;
const job = `apiVersion: batch/v1
kind: Job
metadata: { name: migrate, namespace: shop }
spec:
  ttlSecondsAfterFinished: 3600
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ghcr.io/acme/web:2.4.1
`;
const ingress = (apiVersion: string, backend: string) => `apiVersion: ${apiVersion}
kind: Ingress
metadata: { name: web, namespace: shop }
spec:
  rules: [{ host: shop.example.com, http: { paths: [{ path: /, pathType: Prefix, backend: ${backend} }] } }]
`;

const pass = (name: string, rule: string, yaml: string): Case => ({ name, rule, yaml, theirs: 'passes', ours: 'passes' });
const fail = (name: string, rule: string, yaml: string): Case => ({ name, rule, yaml, theirs: 'reports', ours: 'reports' });
/** A case where the verdicts part: docs/rules/agreement.md says why for the check. */
const differ = (name: string, rule: string, yaml: string, theirs: Verdict): Case => ({ name, rule, yaml, theirs, ours: theirs === 'reports' ? 'passes' : 'reports' });

const probePortCases = (probe: 'livenessProbe' | 'readinessProbe' | 'startupProbe'): Case[] => {
  const line = probe === 'livenessProbe' ? LIVENESS : probe === 'readinessProbe' ? READINESS : '';
  const probed = (port: string) => (line === '' ? webContainer(`          startupProbe: { tcpSocket: { port: ${port} } }\n`) : webWith(line, line.replace('port: http', `port: ${port}`)));
  return [
    pass('probe on a declared port name', 'k8s-probe-port', probed('http')),
    pass('probe on a declared port number', 'k8s-probe-port', probed('8080')),
    fail('probe on an undeclared port name', 'k8s-probe-port', probed('health')),
    fail('probe on an undeclared port number', 'k8s-probe-port', probed('9999')),
    fail('probe on a port declared for UDP only', 'k8s-probe-port', edit(probed('http'), '{ name: http, containerPort: 8080 }', '{ name: http, containerPort: 8080, protocol: UDP }')),
  ];
};

const hostNamespace = (key: string): Case[] => [pass('shares nothing with the node', 'k8s-host-namespaces', web), fail(`${key}: true`, 'k8s-host-namespaces', webSpec(`      ${key}: true\n`))];
const hostPath = (path: string) => webSpec(`      volumes:\n        - { name: host, hostPath: { path: ${path} } }\n`);

const CHECKS: Check[] = [
  // kube-score
  {
    tool: 'kube-score',
    check: 'pod-probes',
    cases: [
      pass('targeted by a Service, probes set', 'k8s-readiness-probe', docs(web, service())),
      fail('targeted by a Service, no readiness probe', 'k8s-readiness-probe', docs(webWith(READINESS, ''), service())),
      pass('not targeted by a Service and no port: no readiness probe needed', 'k8s-readiness-probe', webWith(PORTS, '').replace(READINESS, '')),
      pass('probes on one of two containers, neither declaring a port', 'k8s-readiness-probe', docs(webContainer('        - name: log-shipper\n          image: ghcr.io/acme/shipper:0.9.1\n').replace(PORTS, ''), service())),
      pass('an init container without probes', 'k8s-readiness-probe', docs(withInit, service())),
      differ('targeted by a Service, no liveness probe', 'k8s-liveness-probe', docs(webWith(LIVENESS, ''), service()), 'passes'),
    ],
  },
  {
    tool: 'kube-score',
    check: 'pod-probes-identical',
    cases: [
      pass('distinct liveness and readiness', 'k8s-liveness-probe', web),
      fail('identical httpGet probes', 'k8s-liveness-probe', webWith('path: /live', 'path: /ready')),
      fail('identical tcpSocket probes', 'k8s-liveness-probe', webWith(READINESS + LIVENESS, '          readinessProbe: { tcpSocket: { port: http } }\n          livenessProbe: { tcpSocket: { port: http } }\n')),
    ],
  },
  {
    tool: 'kube-score',
    check: 'container-resources',
    cases: [
      pass('requests and limits set', 'k8s-resource-requests', web),
      fail('no resources', 'k8s-resource-requests', webWith(`          resources:\n${RESOURCES}`, '')),
      fail('no memory limit', 'k8s-resource-limits', webWith('limits: { cpu: 500m, memory: 512Mi }', 'limits: { cpu: 500m }')),
      differ('no CPU limit', 'k8s-resource-limits', webWith('limits: { cpu: 500m, memory: 512Mi }', 'limits: { memory: 512Mi }'), 'reports'),
      differ('an init container without requests', 'k8s-resource-requests', withInit, 'reports'),
    ],
  },
  {
    tool: 'kube-score',
    check: 'deployment-replicas',
    cases: [pass('targeted by a Service, 3 replicas', 'k8s-replicas', docs(web, service())), fail('targeted by a Service, 1 replica', 'k8s-replicas', docs(webWith(REPLICAS, '  replicas: 1\n'), service()))],
  },
  {
    tool: 'kube-score',
    check: 'deployment-strategy',
    cases: [
      pass('RollingUpdate', 'k8s-rolling-update', docs(webWith(REPLICAS, `${REPLICAS}  strategy: { type: RollingUpdate }\n`), service())),
      pass('strategy not set', 'k8s-rolling-update', docs(web, service())),
      fail('Recreate behind a Service', 'k8s-rolling-update', docs(webWith(REPLICAS, `${REPLICAS}  strategy: { type: Recreate }\n`), service())),
    ],
  },
  {
    tool: 'kube-score',
    check: 'deployment-has-poddisruptionbudget',
    cases: [
      pass('a budget selects its pods', 'k8s-pdb', docs(web, pdb('maxUnavailable: 1'))),
      pass('one replica', 'k8s-pdb', docs(webWith(REPLICAS, '  replicas: 1\n'), pdb('maxUnavailable: 1', 'matchLabels: { app: api }'))),
      fail('the budget selects other pods', 'k8s-pdb', docs(web, pdb('maxUnavailable: 1', 'matchLabels: { app: api }'))),
      differ('replicas unset, no budget selects it', 'k8s-pdb', docs(webWith(REPLICAS, ''), pdb('maxUnavailable: 1', 'matchLabels: { app: api }')), 'reports'),
    ],
  },
  {
    tool: 'kube-score',
    check: 'statefulset-has-poddisruptionbudget',
    cases: [
      pass('a budget selects its pods by expression', 'k8s-pdb', docs(db, pdb('maxUnavailable: 1', 'matchExpressions: [{ key: app, operator: In, values: [db] }]'))),
      fail('the budget selects other pods', 'k8s-pdb', docs(db, pdb('maxUnavailable: 1', 'matchExpressions: [{ key: app, operator: In, values: [cache] }]'))),
      differ('replicas unset, no budget selects it', 'k8s-pdb', docs(edit(db, REPLICAS, ''), pdb('maxUnavailable: 1', 'matchLabels: { app: cache }')), 'reports'),
    ],
  },
  {
    tool: 'kube-score',
    check: 'poddisruptionbudget-has-policy',
    cases: [pass('minAvailable set', 'k8s-pdb-allows-eviction', docs(web, pdb('minAvailable: 1'))), fail('neither minAvailable nor maxUnavailable', 'k8s-pdb-allows-eviction', docs(web, pdb('')))],
  },
  {
    tool: 'kube-score',
    check: 'horizontalpodautoscaler-has-target',
    cases: [pass('targets a shipped Deployment', 'k8s-hpa', docs(webWith(REPLICAS, ''), hpa('web', 3))), fail('targets a Deployment the manifests do not have', 'k8s-hpa', docs(webWith(REPLICAS, ''), hpa('php-apache', 3)))],
  },
  {
    tool: 'kube-score',
    check: 'horizontalpodautoscaler-replicas',
    cases: [pass('minReplicas 2', 'k8s-hpa', docs(webWith(REPLICAS, ''), hpa('web', 2))), fail('minReplicas 1', 'k8s-hpa', docs(webWith(REPLICAS, ''), hpa('web', 1)))],
  },
  {
    tool: 'kube-score',
    check: 'deployment-targeted-by-hpa-does-not-have-replicas-configured',
    cases: [pass('replicas left to the HPA', 'k8s-hpa-replicas-conflict', docs(webWith(REPLICAS, ''), hpa('web', 3))), fail('replicas set beside an HPA', 'k8s-hpa-replicas-conflict', docs(web, hpa('web', 3)))],
  },
  {
    tool: 'kube-score',
    check: 'deployment-has-host-podantiaffinity',
    cases: [
      pass('preferred anti-affinity on its own labels', 'k8s-spread', antiAffinity(preferred('{ matchLabels: { app: web } }'))),
      pass('preferred anti-affinity by expression', 'k8s-spread', antiAffinity(preferred('{ matchExpressions: [{ key: app, operator: In, values: [web] }] }'))),
      pass('required anti-affinity', 'k8s-spread', antiAffinity(required('{ matchLabels: { app: web } }'))),
      pass('one replica', 'k8s-spread', webWith(SPREAD, '').replace(REPLICAS, '  replicas: 1\n')),
      fail('preferred anti-affinity selecting other pods', 'k8s-spread', antiAffinity(preferred('{ matchLabels: { app: api } }'))),
      fail('no anti-affinity', 'k8s-spread', webWith(SPREAD, '')),
    ],
  },
  {
    tool: 'kube-score',
    check: 'statefulset-has-host-podantiaffinity',
    cases: [
      pass('required anti-affinity', 'k8s-spread', db),
      pass('preferred anti-affinity', 'k8s-spread', edit(db, DB_AFFINITY, '      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 50\n              podAffinityTerm: { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: db } } }\n')),
      pass('one replica', 'k8s-spread', edit(edit(db, DB_AFFINITY, ''), REPLICAS, '  replicas: 1\n')),
      fail('no anti-affinity', 'k8s-spread', edit(db, DB_AFFINITY, '')),
      differ('replicas unset, no anti-affinity', 'k8s-spread', edit(edit(db, DB_AFFINITY, ''), REPLICAS, ''), 'reports'),
    ],
  },
  {
    tool: 'kube-score',
    check: 'pod-topology-spread-constraints',
    cases: [
      pass('one constraint', 'k8s-spread', web),
      pass('two constraints', 'k8s-spread', webWith(SPREAD, `${SPREAD}        - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: web } } }\n`)),
      fail('no labelSelector', 'k8s-spread', webWith(', labelSelector: { matchLabels: { app: web } } }', ' }')),
      fail('maxSkew 0', 'k8s-spread', webWith('maxSkew: 1', 'maxSkew: 0')),
      fail('minDomains 0', 'k8s-spread', webWith('maxSkew: 1', 'maxSkew: 1, minDomains: 0')),
      fail('no topologyKey', 'k8s-spread', webWith('topologyKey: kubernetes.io/hostname, ', '')),
      fail('an unknown whenUnsatisfiable', 'k8s-spread', webWith('whenUnsatisfiable: ScheduleAnyway', 'whenUnsatisfiable: Sometimes')),
      differ('no constraints and no anti-affinity, 3 replicas', 'k8s-spread', webWith(SPREAD, ''), 'passes'),
    ],
  },
  {
    tool: 'kube-score',
    check: 'container-image-tag',
    cases: [pass('a version tag', 'k8s-image-tag', web), fail('latest', 'k8s-image-tag', webWith(':2.4.1', ':latest')), fail('no tag', 'k8s-image-tag', webWith(':2.4.1', ''))],
  },
  {
    tool: 'kube-score',
    check: 'deployment-pod-selector-labels-match-template-metadata-labels',
    cases: [pass('selector matches the labels', 'k8s-selector-match', web), fail('selector differs from the labels', 'k8s-selector-match', webWith('matchLabels: { app: web }\n  template', 'matchLabels: { app: api }\n  template'))],
  },
  {
    tool: 'kube-score',
    check: 'statefulset-pod-selector-labels-match-template-metadata-labels',
    cases: [pass('selector matches the labels', 'k8s-selector-match', db), fail('selector differs from the labels', 'k8s-selector-match', edit(db, 'matchLabels: { app: db }\n  template', 'matchLabels: { app: cache }\n  template'))],
  },
  {
    tool: 'kube-score',
    check: 'service-targets-pod',
    cases: [
      pass('selects the Deployment', 'k8s-selector-match', docs(web, service())),
      pass('an ExternalName Service', 'k8s-selector-match', docs(web, service('  type: ExternalName\n  externalName: web.example.com\n'))),
      fail('selects no pod of its namespace', 'k8s-selector-match', docs(web, service('  selector: { app: api }\n  ports: [{ port: 80 }]\n'))),
      differ('the only matching pods are in another namespace', 'k8s-selector-match', docs(web, service(undefined, 'payments')), 'reports'),
    ],
  },
  {
    tool: 'kube-score',
    check: 'statefulset-has-servicename',
    cases: [
      pass('a headless Service that selects its pods', 'k8s-statefulset', docs(db, dbService())),
      fail('names a Service the manifests do not have', 'k8s-statefulset', docs(db, dbService('db-internal'))),
      fail('the Service is not headless', 'k8s-statefulset', docs(db, dbService('db', ''))),
      fail('the Service selects other pods', 'k8s-statefulset', docs(db, dbService('db', '  clusterIP: None\n', '{ app: cache }'))),
    ],
  },
  {
    tool: 'kube-score',
    check: 'stable-version',
    cases: [
      pass('apps/v1', 'k8s-deprecated-api', web),
      fail('extensions/v1beta1 Deployment', 'k8s-deprecated-api', webWith('apiVersion: apps/v1', 'apiVersion: extensions/v1beta1')),
      fail('batch/v1beta1 CronJob', 'k8s-deprecated-api', edit(cron, 'batch/v1', 'batch/v1beta1')),
    ],
  },
  {
    tool: 'kube-score',
    check: 'container-image-pull-policy',
    cases: [
      pass('Always', 'k8s-image-pull-policy', webContainer('          imagePullPolicy: Always\n')),
      pass('latest without a policy (the default is Always)', 'k8s-image-pull-policy', webWith(':2.4.1', ':latest')),
      differ('a version tag with IfNotPresent', 'k8s-image-pull-policy', webContainer('          imagePullPolicy: IfNotPresent\n'), 'reports'),
    ],
  },
  {
    tool: 'kube-score',
    check: 'cronjob-has-deadline',
    cases: [pass('startingDeadlineSeconds set', 'k8s-cronjob', cron), fail('no startingDeadlineSeconds', 'k8s-cronjob', edit(cron, '  startingDeadlineSeconds: 300\n', ''))],
  },
  {
    tool: 'kube-score',
    check: 'cronjob-restartpolicy',
    cases: [
      pass('OnFailure', 'k8s-cronjob', cron),
      fail('no restartPolicy', 'k8s-cronjob', edit(cron, '          restartPolicy: OnFailure\n', '')),
      fail('restartPolicy Always', 'k8s-cronjob', edit(cron, 'restartPolicy: OnFailure', 'restartPolicy: Always')),
    ],
  },
  {
    tool: 'kube-score',
    check: 'environment-variable-key-duplication',
    cases: [pass('each variable once', 'k8s-env-duplicates', web), fail('a variable twice', 'k8s-env-duplicates', webWith('value: info }\n', 'value: info }\n            - { name: LOG_LEVEL, value: debug }\n'))],
  },
  {
    tool: 'kube-score',
    check: 'container-security-context-user-group-id',
    cases: [
      pass('high user and group ids', 'k8s-security-context', web),
      fail('user id 0', 'k8s-security-context', webWith('runAsUser: 10001', 'runAsUser: 0')),
      fail('no security context at all', 'k8s-security-context', webWith(POD_CONTEXT, '').replace(CONTAINER_CONTEXT, '')),
      differ('group id 0', 'k8s-security-context', webWith('runAsGroup: 10001', 'runAsGroup: 0'), 'reports'),
      differ('user and group id 1000', 'k8s-security-context', webWith('runAsUser: 10001, runAsGroup: 10001', 'runAsUser: 1000, runAsGroup: 1000'), 'reports'),
    ],
  },
  {
    tool: 'kube-score',
    check: 'container-security-context-privileged',
    cases: [pass('privileged: false', 'k8s-security-context', web), fail('privileged: true', 'k8s-security-context', webWith('privileged: false', 'privileged: true'))],
  },
  {
    tool: 'kube-score',
    check: 'container-security-context-readonlyrootfilesystem',
    cases: [
      pass('read-only root filesystem', 'k8s-security-context', web),
      fail('writable root filesystem', 'k8s-security-context', webWith('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false')),
      fail('no container security context', 'k8s-security-context', webWith(CONTAINER_CONTEXT, '')),
    ],
  },
  {
    tool: 'kube-score',
    check: 'pod-networkpolicy',
    cases: [
      pass('a policy selects its pods', 'k8s-network-policy', docs(web, networkPolicy('{ app: web }'))),
      fail('no policy', 'k8s-network-policy', web),
      fail('the policy selects other pods', 'k8s-network-policy', docs(web, networkPolicy('{ app: api }'))),
    ],
  },
  {
    tool: 'kube-score',
    check: 'service-type',
    cases: [
      pass('ClusterIP', 'k8s-service-type', service('  type: ClusterIP\n  selector: { app: web }\n  ports: [{ port: 80 }]\n')),
      pass('type not set', 'k8s-service-type', service()),
      fail('NodePort', 'k8s-service-type', service('  type: NodePort\n  selector: { app: web }\n  ports: [{ port: 80 }]\n')),
      differ('LoadBalancer', 'k8s-service-type', service('  type: LoadBalancer\n  selector: { app: web }\n  ports: [{ port: 80 }]\n'), 'passes'),
    ],
  },
  // kube-linter
  {
    tool: 'kube-linter',
    check: 'no-readiness-probe',
    cases: [
      pass('readiness probe set', 'k8s-readiness-probe', docs(web, service())),
      pass('an init container without one', 'k8s-readiness-probe', docs(withInit, service())),
      fail('none, behind a Service', 'k8s-readiness-probe', docs(webWith(READINESS, ''), service())),
      differ('none on a worker without a Service or port', 'k8s-readiness-probe', webWith(PORTS, '').replace(READINESS, ''), 'reports'),
    ],
  },
  {
    tool: 'kube-linter',
    check: 'no-liveness-probe',
    cases: [pass('liveness probe set', 'k8s-liveness-probe', web), pass('an init container without one', 'k8s-liveness-probe', withInit), fail('none', 'k8s-liveness-probe', webWith(LIVENESS, ''))],
  },
  {
    tool: 'kube-linter',
    check: 'unset-cpu-requirements',
    cases: [
      pass('CPU request set', 'k8s-resource-requests', web),
      fail('no CPU request or limit', 'k8s-resource-requests', webWith(RESOURCES, '            requests: { memory: 256Mi }\n            limits: { memory: 512Mi }\n')),
      differ('a CPU limit only (the API server copies it into the request)', 'k8s-resource-requests', webWith('requests: { cpu: 250m, memory: 256Mi }', 'requests: { memory: 256Mi }'), 'reports'),
    ],
  },
  {
    tool: 'kube-linter',
    check: 'unset-memory-requirements',
    cases: [
      pass('memory limit set', 'k8s-resource-limits', web),
      fail('no memory limit', 'k8s-resource-limits', webWith('limits: { cpu: 500m, memory: 512Mi }', 'limits: { cpu: 500m }')),
      differ('an init container without a memory limit', 'k8s-resource-limits', withInit, 'reports'),
    ],
  },
  {
    tool: 'kube-linter',
    check: 'minimum-three-replicas',
    cases: [pass('3 replicas', 'k8s-replicas', web), fail('1 replica', 'k8s-replicas', webWith(REPLICAS, '  replicas: 1\n')), differ('2 replicas', 'k8s-replicas', webWith(REPLICAS, '  replicas: 2\n'), 'reports')],
  },
  {
    tool: 'kube-linter',
    check: 'no-rolling-update-strategy',
    cases: [
      pass('strategy not set', 'k8s-rolling-update', web),
      pass('RollingUpdate', 'k8s-rolling-update', webWith(REPLICAS, `${REPLICAS}  strategy: { type: RollingUpdate }\n`)),
      fail('an unknown strategy type', 'k8s-rolling-update', webWith(REPLICAS, `${REPLICAS}  strategy: { type: Other }\n`)),
      fail('Recreate', 'k8s-rolling-update', webWith(REPLICAS, `${REPLICAS}  strategy: { type: Recreate }\n`)),
    ],
  },
  {
    tool: 'kube-linter',
    check: 'no-anti-affinity',
    cases: [
      pass('required anti-affinity on its own labels', 'k8s-spread', antiAffinity(required('{ matchExpressions: [{ key: app, operator: In, values: [web] }] }'))),
      pass('its own namespace listed', 'k8s-spread', antiAffinity(required('{ matchLabels: { app: web } }\n              namespaces: [shop]'))),
      fail('3 replicas, no anti-affinity', 'k8s-spread', webWith(SPREAD, '')),
      fail("anti-affinity looking only in another namespace", 'k8s-spread', antiAffinity(required('{ matchLabels: { app: web } }\n              namespaces: [payments]'))),
      differ('spread constraints instead of anti-affinity', 'k8s-spread', web, 'reports'),
    ],
  },
  {
    tool: 'kube-linter',
    check: 'latest-tag',
    cases: [pass('a version tag', 'k8s-image-tag', web), fail('latest', 'k8s-image-tag', webWith(':2.4.1', ':latest')), fail('no tag', 'k8s-image-tag', webWith(':2.4.1', ''))],
  },
  {
    tool: 'kube-linter',
    check: 'mismatching-selector',
    cases: [pass('selector matches the labels', 'k8s-selector-match', web), fail('selector differs from the labels', 'k8s-selector-match', webWith('matchLabels: { app: web }\n  template', 'matchLabels: { app: api }\n  template'))],
  },
  {
    tool: 'kube-linter',
    check: 'dangling-service',
    cases: [
      pass('selects the Deployment', 'k8s-selector-match', docs(web, service())),
      fail('selects no pod', 'k8s-selector-match', docs(web, service('  selector: { app: api }\n  ports: [{ port: 80 }]\n'))),
      differ('no selector (its endpoints are managed by hand)', 'k8s-selector-match', docs(web, service('  ports: [{ port: 80 }]\n')), 'reports'),
    ],
  },
  {
    tool: 'kube-linter',
    check: 'dangling-horizontalpodautoscaler',
    cases: [
      pass('targets a shipped Deployment', 'k8s-hpa', docs(webWith(REPLICAS, ''), hpa('web', 3))),
      fail('targets a Deployment the manifests do not have', 'k8s-hpa', docs(webWith(REPLICAS, ''), hpa('app2', 3))),
      differ('targets a Deployment, with no workload in the manifests at all', 'k8s-hpa', hpa('app2', 3), 'reports'),
    ],
  },
  {
    tool: 'kube-linter',
    check: 'hpa-minimum-three-replicas',
    cases: [pass('minReplicas 3', 'k8s-hpa', docs(webWith(REPLICAS, ''), hpa('web', 3))), fail('minReplicas 1', 'k8s-hpa', docs(webWith(REPLICAS, ''), hpa('web', 1))), differ('minReplicas 2', 'k8s-hpa', docs(webWith(REPLICAS, ''), hpa('web', 2)), 'reports')],
  },
  {
    tool: 'kube-linter',
    check: 'pdb-max-unavailable',
    cases: [pass('maxUnavailable 1', 'k8s-pdb-allows-eviction', docs(web, pdb('maxUnavailable: 1'))), fail('maxUnavailable 0', 'k8s-pdb-allows-eviction', docs(web, pdb('maxUnavailable: 0'))), fail('maxUnavailable 0%', 'k8s-pdb-allows-eviction', docs(web, pdb('maxUnavailable: "0%"')))],
  },
  {
    tool: 'kube-linter',
    check: 'pdb-min-available',
    cases: [
      pass('minAvailable below the replicas', 'k8s-pdb-allows-eviction', docs(web, pdb('minAvailable: 2'))),
      fail('minAvailable equal to the replicas', 'k8s-pdb-allows-eviction', docs(web, pdb('minAvailable: 3'))),
      fail('minAvailable 100%', 'k8s-pdb-allows-eviction', docs(web, pdb('minAvailable: "100%"'))),
      fail("minAvailable equal to the HPA's minReplicas", 'k8s-pdb-allows-eviction', docs(webWith(REPLICAS, ''), hpa('web', 2), pdb('minAvailable: 2'))),
    ],
  },
  {
    tool: 'kube-linter',
    check: 'no-extensions-v1beta',
    cases: [
      pass('networking.k8s.io/v1 Ingress', 'k8s-deprecated-api', ingress('networking.k8s.io/v1', '{ service: { name: web, port: { number: 80 } } }')),
      fail('extensions/v1beta1 Ingress', 'k8s-deprecated-api', ingress('extensions/v1beta1', '{ serviceName: web, servicePort: 80 }')),
    ],
  },
  { tool: 'kube-linter', check: 'liveness-port', cases: probePortCases('livenessProbe') },
  { tool: 'kube-linter', check: 'readiness-port', cases: probePortCases('readinessProbe') },
  { tool: 'kube-linter', check: 'startup-port', cases: probePortCases('startupProbe') },
  {
    tool: 'kube-linter',
    check: 'job-ttl-seconds-after-finished',
    cases: [
      pass('a Job with a TTL', 'k8s-cronjob', job),
      pass("a CronJob's jobs without a TTL", 'k8s-cronjob', cron),
      fail('a Job without a TTL', 'k8s-cronjob', edit(job, '  ttlSecondsAfterFinished: 3600\n', '')),
      differ("a CronJob's jobs with a TTL", 'k8s-cronjob', edit(cron, '    spec:\n      template:', '    spec:\n      ttlSecondsAfterFinished: 1200\n      template:'), 'reports'),
    ],
  },
  {
    tool: 'kube-linter',
    check: 'duplicate-env-var',
    cases: [pass('each variable once', 'k8s-env-duplicates', web), fail('a variable twice', 'k8s-env-duplicates', webWith('value: info }\n', 'value: info }\n            - { name: LOG_LEVEL, value: debug }\n'))],
  },
  {
    tool: 'kube-linter',
    check: 'run-as-non-root',
    cases: [
      pass('runAsNonRoot with a user id', 'k8s-security-context', web),
      fail('neither runAsNonRoot nor a user id', 'k8s-security-context', webWith(POD_CONTEXT, '      securityContext: { runAsGroup: 10001 }\n')),
      fail('runAsNonRoot with user id 0', 'k8s-security-context', webWith('runAsUser: 10001', 'runAsUser: 0')),
      differ('group id 0', 'k8s-security-context', webWith('runAsGroup: 10001', 'runAsGroup: 0'), 'reports'),
    ],
  },
  {
    tool: 'kube-linter',
    check: 'privileged-container',
    cases: [pass('privileged: false', 'k8s-security-context', web), fail('privileged: true', 'k8s-security-context', webWith('privileged: false', 'privileged: true'))],
  },
  {
    tool: 'kube-linter',
    check: 'privilege-escalation-container',
    cases: [
      pass('allowPrivilegeEscalation: false', 'k8s-security-context', web),
      fail('allowPrivilegeEscalation: true', 'k8s-security-context', webWith('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true')),
      fail('adds SYS_ADMIN', 'k8s-security-context', webWith('privileged: false,', 'privileged: false, capabilities: { add: [SYS_ADMIN] },')),
    ],
  },
  {
    tool: 'kube-linter',
    check: 'no-read-only-root-fs',
    cases: [pass('read-only root filesystem', 'k8s-security-context', web), fail('writable root filesystem', 'k8s-security-context', webWith('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false'))],
  },
  { tool: 'kube-linter', check: 'host-network', cases: hostNamespace('hostNetwork') },
  { tool: 'kube-linter', check: 'host-pid', cases: hostNamespace('hostPID') },
  { tool: 'kube-linter', check: 'host-ipc', cases: hostNamespace('hostIPC') },
  {
    tool: 'kube-linter',
    check: 'docker-sock',
    cases: [pass('no host path', 'k8s-host-namespaces', web), fail('mounts /var/run/docker.sock', 'k8s-host-namespaces', hostPath('/var/run/docker.sock'))],
  },
  {
    tool: 'kube-linter',
    check: 'sensitive-host-mounts',
    cases: [pass('mounts /var/log', 'k8s-host-namespaces', hostPath('/var/log')), fail('mounts /etc', 'k8s-host-namespaces', hostPath('/etc')), fail('mounts /proc', 'k8s-host-namespaces', hostPath('/proc'))],
  },
  {
    tool: 'kube-linter',
    check: 'use-namespace',
    cases: [
      pass('a namespace of its own', 'k8s-default-namespace', web),
      fail('the default namespace', 'k8s-default-namespace', webWith('  namespace: shop\n', '  namespace: default\n')),
      differ('no namespace', 'k8s-default-namespace', webWith('  namespace: shop\n', ''), 'reports'),
    ],
  },
  {
    tool: 'kube-linter',
    check: 'non-isolated-pod',
    cases: [pass('a policy selects its pods', 'k8s-network-policy', docs(web, networkPolicy('{ app: web }'))), fail('no policy', 'k8s-network-policy', web)],
  },
  {
    tool: 'kube-linter',
    check: 'exposed-services',
    cases: [
      pass('ClusterIP', 'k8s-service-type', service()),
      fail('NodePort', 'k8s-service-type', service('  type: NodePort\n  selector: { app: web }\n  ports: [{ port: 80 }]\n')),
      fail('LoadBalancer', 'k8s-service-type', service('  type: LoadBalancer\n  selector: { app: web }\n  ports: [{ port: 80 }]\n')),
    ],
  },
];

/** kube-score's `container-security-context` was split into the three checks above; the mapping keeps it for old annotations. */
const RETIRED = new Set(['container-security-context']);

function ourVerdict({ rule, yaml }: Case): Verdict {
  return runRule(rule, kubernetesChanges(yaml)).length > 0 ? 'reports' : 'passes';
}

function status(check: Check): 'agrees' | 'differs on purpose' {
  return check.cases.every((item) => item.theirs === item.ours) ? 'agrees' : 'differs on purpose';
}

function rulesOf(check: Check): string {
  return [...new Set(check.cases.map((item) => item.rule))].map((rule) => `\`${rule}\``).join(', ');
}

const page = readFileSync(new URL('../../../docs/rules/agreement.md', import.meta.url), 'utf8');

describe('agreement with kube-score and kube-linter', () => {
  it.each(CHECKS.flatMap((check) => check.cases.map((item) => [`${check.tool} ${check.check}`, item.name, item] as const)))('%s: %s', (_check, _name, item) => {
    expect(ourVerdict(item)).toBe(item.ours);
  });

  it('covers every kube-score and kube-linter check the suppression mapping names', () => {
    const foreign = Object.keys(FOREIGN_EQUIVALENTS).filter((id) => /^[a-z0-9-]+$/.test(id) && !RETIRED.has(id));
    expect(CHECKS.map((check) => check.check).sort()).toEqual(foreign.sort());
  });

  it('has a valid and an invalid manifest for every check', () => {
    for (const check of CHECKS) expect(new Set(check.cases.map((item) => item.theirs)), check.check).toEqual(new Set(['passes', 'reports']));
  });

  it('docs/rules/agreement.md shows every check with the verdict its cases give, and the totals', () => {
    for (const check of CHECKS) expect(page).toContain(`| ${check.tool} | \`${check.check}\` | ${rulesOf(check)} | ${status(check)} |`);
    const agree = CHECKS.filter((check) => status(check) === 'agrees').length;
    expect(page).toContain(`**${CHECKS.length} checks mapped: ${agree} agree, ${CHECKS.length - agree} differ on purpose.**`);
    expect(page).toContain(`${CHECKS.flatMap((check) => check.cases).length} manifests`);
  });
});
