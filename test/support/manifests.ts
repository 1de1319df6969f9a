/** The `checkout` Deployment the CLI tests change in their repositories, with what each test needs set. */
export function checkoutDeployment(options: { replicas?: number; image?: string; namespace?: string; port?: boolean; readiness?: boolean; liveness?: boolean } = {}): string {
  const lines = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: checkout',
    ...(options.namespace !== undefined ? [`  namespace: ${options.namespace}`] : []),
    'spec:',
    `  replicas: ${options.replicas ?? 1}`,
    '  selector:',
    '    matchLabels: { app: checkout }',
    '  template:',
    '    metadata:',
    '      labels: { app: checkout }',
    '    spec:',
    '      containers:',
    '        - name: checkout',
    `          image: ${options.image ?? 'ghcr.io/acme/checkout:2.1.0'}`,
    ...(options.port ? ['          ports:', '            - containerPort: 8080'] : []),
    ...(options.readiness ? ['          readinessProbe:', '            httpGet: { path: /ready, port: 8080 }'] : []),
    ...(options.liveness ? ['          livenessProbe:', '            httpGet: { path: /live, port: 8080 }'] : []),
  ];
  return `${lines.join('\n')}\n`;
}
