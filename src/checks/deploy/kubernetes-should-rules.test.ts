import { describe, expect, it } from 'vitest';
import { resolvePreset } from '../../config/presets.js';
import { runGate } from '../../gate.js';
import { changeSet, plainConfig } from '../../test-support.js';
import { DEPLOY_RULES } from './index.js';
import { at, deployRule, edit, kubernetesChanges, runRule } from './test-support.js';

function run(id: string, yaml: string, options: Record<string, unknown> = {}) {
  return runRule(id, kubernetesChanges(yaml), options);
}

/** The 1-based line that is exactly `text`. */
function lineIs(yaml: string, text: string): number {
  const index = yaml.split('\n').indexOf(text);
  if (index === -1) throw new Error(`no line "${text}"`);
  return index + 1;
}

/** The manifest without its documents of one kind. */
function without(yaml: string, kind: string): string {
  return yaml
    .split('---\n')
    .filter((document) => !document.includes(`\nkind: ${kind}\n`))
    .join('---\n');
}

// The nginx front of a shop, the way a well-kept chart renders it: passes every rule of this file.
const nginx = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
  namespace: web
spec:
  replicas: 2
  selector:
    matchLabels: { app.kubernetes.io/name: nginx }
  template:
    metadata:
      labels:
        app.kubernetes.io/name: nginx
    spec:
      terminationGracePeriodSeconds: 30
      securityContext:
        runAsUser: 101
        runAsNonRoot: true
      containers:
        - name: nginx
          image: nginx:1.27.2
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: NGINX_PORT
              value: "8080"
            - name: NGINX_WORKER_PROCESSES
              value: auto
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
          readinessProbe:
            httpGet: { path: /healthz, port: http }
          livenessProbe:
            tcpSocket: { port: 8080 }
          lifecycle:
            preStop:
              exec:
                command: ["/bin/sh", "-c", "sleep 5"]
---
apiVersion: v1
kind: Service
metadata: { name: nginx, namespace: web }
spec:
  selector: { app.kubernetes.io/name: nginx }
  ports: [{ name: http, port: 80, targetPort: http }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: nginx, namespace: web }
spec:
  podSelector:
    matchLabels: { app.kubernetes.io/name: nginx }
  policyTypes: [Ingress]
  ingress: [{ ports: [{ port: 8080 }] }]
`;

// A bitnami-style Redis: a root init container fixes volume permissions, the server sets no securityContext.
const redis = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis-master
  namespace: cache
spec:
  serviceName: redis-headless
  selector:
    matchLabels: { app: redis }
  template:
    metadata:
      labels: { app: redis }
    spec:
      initContainers:
        - name: volume-permissions
          image: bitnami/os-shell:12
          command: ["chown", "-R", "1001:1001", "/data"]
          securityContext:
            runAsUser: 0
      containers:
        - name: redis
          image: bitnami/redis:7.4.1
          ports:
            - name: redis
              containerPort: 6379
          readinessProbe:
            tcpSocket: { port: redis }
`;

// Postgres with a nightly pg_dump, as an operator-less setup writes it.
const postgres = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
  namespace: db
spec:
  serviceName: postgres
  selector:
    matchLabels: { app: postgres }
  template:
    metadata:
      labels: { app: postgres }
    spec:
      containers:
        - name: postgres
          image: postgres:16.4
          env:
            - name: POSTGRES_USER
              value: shop
            - name: POSTGRES_PASSWORD
              valueFrom: { secretKeyRef: { name: postgres, key: password } }
            - name: PGDATA
              value: /var/lib/postgresql/data/pgdata
            - name: POSTGRES_PASSWORD
              value: changeme
          readinessProbe:
            exec: { command: ["pg_isready", "-U", "shop"] }
`;

const backup = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: postgres-backup
  namespace: db
spec:
  schedule: "0 3 * * *"
  startingDeadlineSeconds: 600
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: pg-dump
              image: postgres:16.4
              command: ["pg_dump", "-h", "postgres", "-f", "/backup/shop.sql"]
`;

const migration = `apiVersion: batch/v1
kind: Job
metadata:
  name: shop-migrate
  namespace: shop
spec:
  ttlSecondsAfterFinished: 86400
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ghcr.io/acme/shop-migrate:4.2.0
`;

// prometheus node-exporter: a node agent that needs the host's namespaces and kernel views.
const nodeExporter = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
  namespace: monitoring
spec:
  selector:
    matchLabels: { app: node-exporter }
  template:
    metadata:
      labels: { app: node-exporter }
    spec:
      hostNetwork: true
      hostPID: true
      containers:
        - name: node-exporter
          image: quay.io/prometheus/node-exporter:v1.8.2
          args: ["--path.procfs=/host/proc", "--path.sysfs=/host/sys", "--path.rootfs=/host/root"]
      volumes:
        - name: proc
          hostPath: { path: /proc }
        - name: sys
          hostPath:
            path: /sys/
        - name: root
          hostPath: { path: / }
        - name: logs
          hostPath: { path: /var/log }
`;

// microservices-demo's public entry point.
const frontendExternal = `apiVersion: v1
kind: Service
metadata:
  name: frontend-external
  namespace: shop
spec:
  type: LoadBalancer
  selector: { app: frontend }
  ports:
    - name: http
      port: 80
      targetPort: 8080
`;

// Istio bookinfo: the reviews Service with its routing.
const reviews = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: bookinfo
spec:
  host: reviews
  subsets:
    - { name: v1, labels: { version: v1 } }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts: [reviews]
  http:
    - name: canary
      match: [{ headers: { end-user: { exact: jason } } }]
      route:
        - destination: { host: reviews, subset: v2 }
      timeout: 5s
      retries: { attempts: 3, perTryTimeout: 2s }
    - name: primary
      route:
        - destination: { host: reviews, subset: v1 }
    - name: legacy
      match: [{ uri: { prefix: /v0 } }]
      redirect: { uri: /v1 }
---
apiVersion: v1
kind: Service
metadata: { name: reviews, namespace: bookinfo }
spec:
  selector: { app: reviews }
  ports: [{ name: http, port: 9080 }]
`;

const withOutlier = edit(reviews, '  host: reviews\n', '  host: reviews\n  trafficPolicy:\n    outlierDetection: { consecutive5xxErrors: 5, interval: 30s, baseEjectionTime: 30s }\n');

// [rule, case, manifest, expected finding lines]
const cases: Array<[string, string, string, number[]]> = [
  ['k8s-probe-port', 'probes by declared name and number', nginx, []],
  ['k8s-probe-port', 'redis probes its named port', redis, []],
  ['k8s-probe-port', 'named port not declared', edit(nginx, 'port: http }', 'port: web }'), [at(nginx, 'path: /healthz')]],
  ['k8s-probe-port', 'number not declared', edit(nginx, 'tcpSocket: { port: 8080 }', 'tcpSocket: { port: 8008 }'), [at(nginx, 'tcpSocket')]],
  ['k8s-probe-port', 'a quoted number is the number', edit(nginx, 'tcpSocket: { port: 8080 }', 'tcpSocket: { port: "8080" }'), []],
  ['k8s-probe-port', 'an unrendered template is not judged', edit(nginx, 'port: http }', 'port: "{{ .Values.port }}" }'), []],
  ['k8s-probe-port', 'startup probe on a grpc port the container lacks', edit(nginx, '          livenessProbe:', '          startupProbe:\n            grpc: { port: 9090 }\n          livenessProbe:'), [at(nginx, '          livenessProbe:') + 1]],
  ['k8s-image-pull-policy', 'release tag with the default policy', nginx, []],
  ['k8s-image-pull-policy', 'latest with the default (Always)', edit(nginx, 'nginx:1.27.2', 'nginx:latest'), []],
  ['k8s-image-pull-policy', 'digest with IfNotPresent', edit(nginx, 'image: nginx:1.27.2', `image: nginx@sha256:${'a'.repeat(64)}\n          imagePullPolicy: IfNotPresent`), []],
  ['k8s-image-pull-policy', 'latest with IfNotPresent', edit(nginx, 'image: nginx:1.27.2', 'image: nginx:latest\n          imagePullPolicy: IfNotPresent'), [at(nginx, 'image: nginx') + 1]],
  ['k8s-image-pull-policy', 'a moving tag keeps the default IfNotPresent', edit(nginx, 'nginx:1.27.2', 'nginx:stable-alpine-latest'), [at(nginx, 'image: nginx')]],
  ['k8s-image-pull-policy', 'a channel tag with Always', edit(nginx, 'image: nginx:1.27.2', 'image: nginx:stable\n          imagePullPolicy: Always'), []],
  ['k8s-image-pull-policy', 'Never', edit(nginx, 'image: nginx:1.27.2', 'image: nginx:1.27.2\n          imagePullPolicy: Never'), [at(nginx, 'image: nginx') + 1]],
  ['k8s-graceful-shutdown', 'preStop sleep below the grace period', nginx, []],
  ['k8s-graceful-shutdown', 'grace period 0', edit(nginx, 'terminationGracePeriodSeconds: 30', 'terminationGracePeriodSeconds: 0'), [at(nginx, 'terminationGracePeriodSeconds')]],
  ['k8s-graceful-shutdown', 'no preStop and the default grace period', edit(edit(nginx, '      terminationGracePeriodSeconds: 30\n', ''), '          lifecycle:\n            preStop:\n              exec:\n                command: ["/bin/sh", "-c", "sleep 5"]\n', ''), [at(nginx, '    spec:')]],
  ['k8s-graceful-shutdown', 'no preStop but an explicit grace period', edit(nginx, '          lifecycle:\n            preStop:\n              exec:\n                command: ["/bin/sh", "-c", "sleep 5"]\n', ''), []],
  ['k8s-graceful-shutdown', 'preStop sleeps as long as the default grace period', edit(edit(nginx, '      terminationGracePeriodSeconds: 30\n', ''), 'sleep 5', 'sleep 30'), [at(nginx, 'preStop:') - 1]],
  ['k8s-graceful-shutdown', 'native sleep action longer than the grace period', edit(nginx, 'exec:\n                command: ["/bin/sh", "-c", "sleep 5"]', 'sleep: { seconds: 40 }'), [at(nginx, 'preStop:')]],
  ['k8s-graceful-shutdown', 'no Service: a worker', without(edit(nginx, 'terminationGracePeriodSeconds: 30', 'terminationGracePeriodSeconds: 0'), 'Service'), []],
  ['k8s-cronjob', 'deadline, concurrency and restartPolicy set', backup, []],
  ['k8s-cronjob', 'a Job with a TTL', migration, []],
  ['k8s-cronjob', 'CronJob with none of them', edit(edit(edit(backup, '  startingDeadlineSeconds: 600\n', ''), '  concurrencyPolicy: Forbid\n', ''), '          restartPolicy: OnFailure\n', ''), [6, 6, 11]],
  ['k8s-cronjob', 'restartPolicy Always', edit(backup, 'restartPolicy: OnFailure', 'restartPolicy: Always'), [at(backup, 'restartPolicy')]],
  ['k8s-cronjob', 'a Job without a TTL', edit(migration, '  ttlSecondsAfterFinished: 86400\n', ''), [6]],
  ['k8s-cronjob', 'a Helm hook Job cleaned up by its delete policy', edit(edit(migration, '  ttlSecondsAfterFinished: 86400\n', ''), '  namespace: shop\n', '  namespace: shop\n  annotations:\n    helm.sh/hook: pre-upgrade\n    helm.sh/hook-delete-policy: hook-succeeded\n'), []],
  ['k8s-env-duplicates', 'distinct names', nginx, []],
  ['k8s-env-duplicates', 'POSTGRES_PASSWORD twice', postgres, [at(postgres, '- name: POSTGRES_PASSWORD', 2)]],
  ['k8s-security-context', 'pod-level non-root user, hardened container', nginx, []],
  ['k8s-security-context', 'root init container, bare server container', redis, [at(redis, 'runAsUser: 0'), at(redis, '          securityContext:'), at(redis, 'image: bitnami/redis') - 1]],
  ['k8s-security-context', 'privileged (escalation then implied)', edit(nginx, 'allowPrivilegeEscalation: false', 'privileged: true'), [at(nginx, 'allowPrivilegeEscalation')]],
  ['k8s-security-context', 'root at pod level', edit(nginx, 'runAsUser: 101', 'runAsUser: 0'), [at(nginx, 'runAsUser')]],
  ['k8s-security-context', 'writable root filesystem written out', edit(nginx, 'readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false'), [at(nginx, 'readOnlyRootFilesystem')]],
  ['k8s-security-context', 'a container runAsUser overrides the pod root user', edit(edit(nginx, 'runAsUser: 101', 'runAsUser: 0'), 'allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: false\n            runAsUser: 101'), []],
  ['k8s-host-namespaces', 'a web server', nginx, []],
  ['k8s-host-namespaces', 'node-exporter', nodeExporter, [at(nodeExporter, 'hostNetwork'), at(nodeExporter, 'hostPID'), at(nodeExporter, 'path: /proc'), at(nodeExporter, 'path: /sys/'), at(nodeExporter, 'path: / }')]],
  ['k8s-host-namespaces', 'a CI runner with the Docker socket', edit(nginx, '      containers:', '      volumes:\n        - name: docker\n          hostPath: { path: /var/run/docker.sock, type: Socket }\n      containers:'), [at(nginx, '      containers:') + 2]],
  ['k8s-service-type', 'ClusterIP', nginx, []],
  ['k8s-service-type', 'LoadBalancer', frontendExternal, [at(frontendExternal, 'type:')]],
  ['k8s-service-type', 'NodePort', edit(frontendExternal, 'type: LoadBalancer', 'type: NodePort'), [at(frontendExternal, 'type:')]],
  ['k8s-default-namespace', 'its own namespace', nginx, []],
  ['k8s-default-namespace', 'no namespace: chosen when applied', edit(nginx, '  namespace: web\n', ''), []],
  ['k8s-default-namespace', 'the default namespace', edit(nginx, '  namespace: web\n', '  namespace: default\n'), [at(nginx, '  namespace: web')]],
  ['k8s-network-policy', 'selected by a policy', nginx, []],
  ['k8s-network-policy', 'a default-deny policy selects every pod', edit(nginx, 'podSelector:\n    matchLabels: { app.kubernetes.io/name: nginx }', 'podSelector: {}'), []],
  ['k8s-network-policy', 'a policy for other pods', edit(nginx, 'matchLabels: { app.kubernetes.io/name: nginx }\n  policyTypes', 'matchLabels: { app.kubernetes.io/name: api }\n  policyTypes'), [at(nginx, '      labels:')]],
  ['k8s-network-policy', 'a policy in another namespace', edit(nginx, 'metadata: { name: nginx, namespace: web }\nspec:\n  podSelector', 'metadata: { name: nginx, namespace: api }\nspec:\n  podSelector'), [at(nginx, '      labels:')]],
  ['k8s-network-policy', 'no policy at all', redis, [at(redis, 'labels: { app: redis }')]],
  ['mesh-resilience', 'outlier detection, one route without timeout and retries', withOutlier, [at(withOutlier, '- name: primary')]],
  ['mesh-resilience', 'no outlier detection for a Service in the change', reviews, [lineIs(reviews, '  host: reviews'), at(reviews, '- name: primary')]],
  ['mesh-resilience', 'outlier detection on a subset', edit(reviews, '{ name: v1, labels: { version: v1 } }', '{ name: v1, labels: { version: v1 }, trafficPolicy: { outlierDetection: { consecutive5xxErrors: 3 } } }'), [at(reviews, '- name: primary')]],
  ['mesh-resilience', 'a host outside the change', edit(reviews, 'host: reviews\n  subsets', 'host: ratings.bookinfo.svc.cluster.local\n  subsets'), [at(reviews, '- name: primary')]],
  ['mesh-resilience', 'a fully qualified host of a Service in the change', edit(reviews, 'host: reviews\n  subsets', 'host: reviews.bookinfo.svc.cluster.local\n  subsets'), [lineIs(reviews, '  host: reviews'), at(reviews, '- name: primary')]],
];

describe('should and strict Kubernetes rules, valid and invalid manifests', () => {
  it.each(cases)('%s: %s', (id, _name, yaml, lines) => {
    const findings = run(id, yaml);
    expect(findings.map((finding) => finding.line)).toEqual(lines);
    for (const finding of findings) {
      expect(finding.file).toBe('deploy/shop/app.yaml');
      expect(finding.fix).not.toBe('');
    }
  });

  it('k8s-probe-port: an unknown name is an error, an undeclared number only a warning', () => {
    expect(run('k8s-probe-port', edit(nginx, 'port: http }', 'port: web }'))[0]).toMatchObject({ message: expect.stringMatching(/port named "web".*declared: http, 8080/) });
    expect(run('k8s-probe-port', edit(nginx, 'port: http }', 'port: web }'))[0]?.severity).toBeUndefined();
    expect(run('k8s-probe-port', edit(nginx, 'tcpSocket: { port: 8080 }', 'tcpSocket: { port: 8008 }'))[0]?.severity).toBe('warning');
  });

  it('k8s-graceful-shutdown takes its minimum from the options', () => {
    expect(run('k8s-graceful-shutdown', nginx, { 'minimum-grace-seconds': 60 }).map((f) => f.line)).toEqual([at(nginx, 'terminationGracePeriodSeconds')]);
  });

  it('k8s-env-duplicates names the line of the first entry', () => {
    expect(run('k8s-env-duplicates', postgres)[0]?.message).toContain(`POSTGRES_PASSWORD again (first on line ${at(postgres, '- name: POSTGRES_PASSWORD', 1)})`);
  });

  it('k8s-security-context lists what a container leaves out', () => {
    const [, initMissing, serverMissing] = run('k8s-security-context', redis);
    expect(initMissing?.message).toMatch(/"volume-permissions" does not set allowPrivilegeEscalation: false, readOnlyRootFilesystem: true;/);
    expect(serverMissing?.message).toMatch(/"redis" does not set runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true;/);
  });

  it('k8s-service-type points LoadBalancer cost to the cost table', () => {
    expect(run('k8s-service-type', frontendExternal)[0]?.message).toMatch(/load balancer for this Service alone.*see the cost table/);
  });

  it('k8s-default-namespace reports a missing namespace only when asked, and never for cluster-scoped kinds', () => {
    const bare = edit(nginx, '  namespace: web\n', '');
    expect(run('k8s-default-namespace', bare, { 'require-namespace': true }).map((f) => f.line)).toEqual([3]);
    const clusterRole = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules: []\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n';
    expect(run('k8s-default-namespace', clusterRole, { 'require-namespace': true })).toEqual([]);
  });

  it('k8s-network-policy says only the policies of the change are visible', () => {
    expect(run('k8s-network-policy', redis)[0]?.message).toContain('policies already in the cluster are not visible');
  });

  it('mesh-resilience names what a route lacks', () => {
    const onlyRetries = edit(withOutlier, '        - destination: { host: reviews, subset: v1 }\n', '        - destination: { host: reviews, subset: v1 }\n      timeout: 10s\n');
    const [finding] = run('mesh-resilience', onlyRetries);
    expect(finding?.message).toMatch(/route "primary" sets no retries/);
    expect(finding?.message).not.toMatch(/no timeout/);
  });

  it('never crashes on odd values', () => {
    const odd = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: x, namespace: default }\nspec:\n  template:\n    metadata: { labels: "app" }\n    spec:\n      terminationGracePeriodSeconds: "{{ .Values.grace }}"\n      hostNetwork: "true"\n      securityContext: "{{ toYaml .Values.podSecurityContext }}"\n      volumes: [null, { hostPath: 3 }, { hostPath: { path: [1] } }]\n      containers:\n        - null\n        - name: a\n          image: 7\n          ports: "8080"\n          env: { A: b }\n          securityContext: []\n          readinessProbe: { httpGet: { port: { a: 1 } }, tcpSocket: [] }\n          lifecycle: { preStop: { exec: { command: "sleep 5" }, sleep: { seconds: "5" } } }\n        - name: b\n          env: [null, { name: 1 }, { name: A }, { name: A }]\n          imagePullPolicy: [Always]\n',
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: c }\nspec: { jobTemplate: null }\n---\napiVersion: batch/v1\nkind: Job\nmetadata: { name: j, annotations: [] }\nspec: "x"\n',
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: d }\nspec: { host: 5, subsets: "x", trafficPolicy: { portLevelSettings: [null] } }\n---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: v }\nspec: { http: [null, 3, { route: [] }] }\n---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: w }\nspec: { http: { a: 1 } }\n',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: n }\nspec: { podSelector: "all" }\n---\napiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { containers: [{ name: p, image: "${IMAGE}", livenessProbe: { httpGet: { port: "$(PORT)" } } }] }\n---\napiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec: null\n',
    ];
    const mine = DEPLOY_RULES.filter((candidate) => cases.some(([id]) => id === candidate.id));
    expect(mine).toHaveLength(11);
    for (const yaml of odd) for (const deployRule of mine) expect(() => run(deployRule.id, yaml)).not.toThrow();
    expect(run('k8s-env-duplicates', odd[0] ?? '').map((f) => f.line)).toEqual([at(odd[0] ?? '', '{ name: A }, { name: A }')]);
  });
});

/** The first object of each manifest is the one that fails; annotations go into its metadata. */
function annotate(yaml: string, annotations: Record<string, string>): string {
  const lines = Object.entries(annotations).map(([key, value]) => `    ${key}: ${JSON.stringify(value)}`);
  return edit(yaml, 'metadata:\n  name:', `metadata:\n  annotations:\n${lines.join('\n')}\n  name:`);
}

function gate(yaml: string, ruleSettings: Parameters<typeof plainConfig>[0] = {}) {
  return runGate({ config: plainConfig(ruleSettings), changes: changeSet([{ path: 'deploy/shop/app.yaml', status: 'added', after: yaml }]) }).findings;
}

// [rule, failing manifest (its first object fails), a foreign tool's annotation that means the same]
const suppressible: Array<[string, string, Record<string, string>]> = [
  ['k8s-probe-port', edit(nginx, 'port: http }', 'port: web }'), { 'ignore-check.kube-linter.io/readiness-port': 'the sidecar answers on web' }],
  ['k8s-image-pull-policy', edit(nginx, 'image: nginx:1.27.2', 'image: nginx:1.27.2\n          imagePullPolicy: Never'), { 'polaris.fairwinds.com/pullPolicyNotAlways-exempt': 'true' }],
  ['k8s-graceful-shutdown', edit(nginx, 'terminationGracePeriodSeconds: 30', 'terminationGracePeriodSeconds: 0'), { 'tollgate.dev/ignore': 'k8s-readiness-probe' }],
  ['k8s-cronjob', edit(backup, '  startingDeadlineSeconds: 600\n', ''), { 'kube-score/ignore': 'cronjob-has-deadline' }],
  ['k8s-env-duplicates', postgres, { 'ignore-check.kube-linter.io/duplicate-env-var': 'overridden on purpose' }],
  ['k8s-security-context', redis, { 'kube-score/ignore': 'container-security-context-privileged,container-security-context-user-group-id' }],
  ['k8s-host-namespaces', nodeExporter, { 'ignore-check.kube-linter.io/host-network': 'node agent' }],
  ['k8s-service-type', frontendExternal, { 'ignore-check.kube-linter.io/exposed-services': 'the public entry point' }],
  ['k8s-default-namespace', edit(nginx, '  namespace: web\n', '  namespace: default\n'), { 'ignore-check.kube-linter.io/use-namespace': 'single-tenant dev cluster' }],
  ['k8s-network-policy', redis, { 'kube-score/ignore': 'pod-networkpolicy' }],
  ['mesh-resilience', without(reviews, 'VirtualService'), { 'tollgate.dev/ignore': 'k8s-pdb' }],
];

describe('should and strict Kubernetes rules through the gate', () => {
  it.each(suppressible)('%s is suppressed by tollgate.dev/ignore and by the equivalent annotation of another tool', (id, yaml, foreign) => {
    const open = gate(yaml).filter((f) => f.ruleId === id);
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((f) => !f.suppressed)).toBe(true);

    const ignored = gate(annotate(yaml, { 'tollgate.dev/ignore': `${id}: reviewed with the platform team` })).filter((f) => f.ruleId === id);
    expect(ignored.length).toBe(open.length);
    expect(ignored.every((f) => f.suppressed && f.suppressionReason === 'reviewed with the platform team')).toBe(true);

    // Rules no other tool has are given an ignore of another rule instead: it must suppress nothing.
    const foreignIgnored = gate(annotate(yaml, foreign)).filter((f) => f.ruleId === id);
    const expectSuppressed = !('tollgate.dev/ignore' in foreign);
    expect(foreignIgnored.length).toBe(open.length);
    expect(foreignIgnored.every((f) => f.suppressed === expectSuppressed)).toBe(true);
  });

  it.each(suppressible.map(([id, yaml]) => [id, yaml] as const))('%s can be turned off and re-graded in config', (id, yaml) => {
    expect(gate(yaml, { ruleSettings: { [id]: { level: 'off' } } }).filter((f) => f.ruleId === id)).toEqual([]);
    const regraded = gate(yaml, { ruleSettings: { [id]: { level: deployRule(id).severity === 'error' ? 'notice' : 'error' } } }).filter((f) => f.ruleId === id);
    expect(regraded.length).toBeGreaterThan(0);
    expect(new Set(regraded.map((f) => f.severity))).toEqual(new Set([deployRule(id).severity === 'error' ? 'notice' : 'error']));
  });

  it('a # tollgate:ignore comment above the reported line suppresses that finding', () => {
    const yaml = edit(nginx, '      terminationGracePeriodSeconds: 30', '      # tollgate:ignore k8s-graceful-shutdown drains on SIGKILL-safe queue\n      terminationGracePeriodSeconds: 0');
    const [finding] = gate(yaml).filter((f) => f.ruleId === 'k8s-graceful-shutdown');
    expect(finding).toMatchObject({ suppressed: true, suppressionReason: 'drains on SIGKILL-safe queue' });
  });

  it('the strict rules are off in the default preset and notices in the strict one', () => {
    for (const id of ['k8s-default-namespace', 'k8s-network-policy']) {
      expect(resolvePreset('default').rules[id]?.level).toBe('off');
      expect(resolvePreset('strict').rules[id]?.level).toBe('notice');
    }
    expect(resolvePreset('default').rules['k8s-security-context']?.level).toBe('warning');
    const defaults = runGate({ config: resolvePreset('default'), changes: changeSet([{ path: 'deploy/shop/app.yaml', status: 'added', after: redis }]) });
    expect(defaults.findings.map((f) => f.ruleId)).not.toContain('k8s-network-policy');
    const strict = runGate({ config: resolvePreset('strict'), changes: changeSet([{ path: 'deploy/shop/app.yaml', status: 'added', after: redis }]) });
    expect(strict.findings.map((f) => f.ruleId)).toContain('k8s-network-policy');
  });
});
