import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../changes/model.js';
import { runGate } from '../gate.js';
import { changeSet, plainConfig } from '../test-support.js';
import { parseIac } from './parse.js';

/** A template as written: its kind and names are templated, its probe is behind a conditional. */
const TEMPLATE = `{{- range .Values.workers }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .name }}
spec:
  replicas: {{ .replicas }}
  template:
    spec:
      containers:
        - name: worker
          image: "{{ $.Values.image }}"
{{- end }}
`;

/** What helm renders from it for two workers: two documents, each under its `# Source:` line. */
const rendered = (replicas: number) =>
  ['resize', 'thumbnail']
    .map(
      (name) => `# Source: jobs/templates/workers.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  template:
    spec:
      containers:
        - name: worker
          image: "ghcr.io/acme/jobs:1.0.0"
`,
    )
    .join('---\n');

function chartFile(replicas: number, template = TEMPLATE): ChangedFile {
  const path = 'charts/jobs/templates/workers.yaml';
  const sources = { documents: [path, path], texts: { [path]: template } };
  return { path, status: 'modified', before: rendered(replicas + 1), after: rendered(replicas), renderedFrom: { tool: 'helm', directory: 'charts/jobs' }, sources: { base: sources, head: sources } };
}

describe('objects of rendered output, pointed back at where they are written', () => {
  it('gives each rendered object the template’s file and lines, however many objects one template writes', () => {
    const { head } = parseIac([chartFile(1)]);
    expect(head.map((resource) => [resource.meta.name, resource.file, resource.line, resource.attributeLines?.['spec.replicas']])).toEqual([
      ['resize', 'charts/jobs/templates/workers.yaml', 3, 8],
      ['thumbnail', 'charts/jobs/templates/workers.yaml', 3, 8],
    ]);
  });

  it('points a finding at the template line, and honours a suppression comment written there', () => {
    const findings = runGate({ config: plainConfig(), changes: changeSet([chartFile(1)]) }).findings.filter((finding) => finding.ruleId === 'k8s-replicas');
    expect(findings.map((finding) => [finding.file, finding.line, finding.suppressed])).toEqual([
      ['charts/jobs/templates/workers.yaml', 8, false],
      ['charts/jobs/templates/workers.yaml', 8, false],
    ]);
    const suppressed = TEMPLATE.replace('  replicas: {{ .replicas }}', '  # tollgate:ignore k8s-replicas batch workers, one each is enough\n  replicas: {{ .replicas }}');
    const quiet = runGate({ config: plainConfig(), changes: changeSet([chartFile(1, suppressed)]) }).findings.filter((finding) => finding.ruleId === 'k8s-replicas');
    expect(quiet.map((finding) => [finding.line, finding.suppressed, finding.suppressionReason])).toEqual([
      [9, true, 'batch workers, one each is enough'],
      [9, true, 'batch workers, one each is enough'],
    ]);
  });

  it('reads a source several outputs share once: a suppression written there is added once', () => {
    const suppressed = TEMPLATE.replace('  replicas: {{ .replicas }}', '  # tollgate:ignore k8s-replicas batch workers\n  replicas: {{ .replicas }}');
    const path = 'charts/jobs/templates/workers.yaml';
    const other = { ...chartFile(1, suppressed), path: 'charts/jobs-eu/templates/workers.yaml' };
    const before = { documents: [path, path], texts: { [path]: TEMPLATE } };
    const after = { documents: [path, path], texts: { [path]: suppressed } };
    const files = [chartFile(1, suppressed), other].map((file) => ({ ...file, sources: { base: before, head: after } }));
    const report = runGate({ config: plainConfig(), changes: changeSet(files) });
    expect(report.suppressionsAdded).toEqual([{ file: path, line: 8, ruleId: 'k8s-replicas', reason: 'batch workers' }]);
  });

  it('keeps the output’s lines where the source is unknown, and the finding says so', () => {
    const file: ChangedFile = { ...chartFile(1), sources: undefined };
    const { head } = parseIac([file]);
    expect(head[0]?.file).toBe('charts/jobs/templates/workers.yaml');
    expect(head[0]?.line).toBe(2);
    const finding = runGate({ config: plainConfig(), changes: changeSet([file]) }).findings.find((item) => item.ruleId === 'k8s-replicas');
    expect(finding?.message).toMatch(/\(line of the helm output of charts\/jobs; where it is written could not be found\)$/);
  });
});
