import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outlineDocuments } from './source-outline.js';
import { parseYamlDocuments } from './yaml-documents.js';

const HELM_TEMPLATE = `{{- if .Values.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "web.fullname" . }}
  labels:
    {{- include "web.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicas }}
  template:
    spec:
      containers:
        - name: web
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          {{- with .Values.probe }}
          readinessProbe:
            httpGet:
              path: {{ .path }}
          {{- end }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
        - name: sidecar
          image: envoy:1.30
{{- end }}
`;

describe('outlineDocuments', () => {
  it('reads the key lines of a Helm template, directives and includes skipped', () => {
    const [doc] = outlineDocuments(HELM_TEMPLATE);
    expect(doc).toMatchObject({ line: 2, endLine: 23, kind: 'Deployment' });
    expect(doc?.name).toBeUndefined();
    expect(doc?.lines).toMatchObject({
      'spec.replicas': 9,
      'spec.template.spec.containers': 12,
      'spec.template.spec.containers.0': 13,
      'spec.template.spec.containers.0.image': 14,
      'spec.template.spec.containers.0.readinessProbe.httpGet.path': 18,
      'spec.template.spec.containers.0.resources': 20,
      'spec.template.spec.containers.1': 22,
      'spec.template.spec.containers.1.image': 23,
    });
  });

  it('reads compact sequences, block scalars and several documents', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: "settings"
data:
  script: |
    name: not a key
    - not an item
  other: x
---
# a comment
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
    targetPort: http
  - port: 443
`;
    const [config, service] = outlineDocuments(text);
    expect(config).toMatchObject({ line: 1, endLine: 9, kind: 'ConfigMap', name: 'settings' });
    expect(config?.lines).toEqual({ apiVersion: 1, kind: 2, metadata: 3, 'metadata.name': 4, data: 5, 'data.script': 6, 'data.other': 9 });
    expect(service).toMatchObject({ line: 12, endLine: 19, kind: 'Service', name: 'web' });
    expect(service?.lines).toMatchObject({ 'spec.ports.0': 17, 'spec.ports.0.targetPort': 18, 'spec.ports.1': 19, 'spec.ports.1.port': 19 });
  });

  it('agrees with the YAML parser on every line a plain manifest writes (property)', () => {
    const key = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,6}$/);
    const scalar = fc.oneof(fc.integer({ min: 0, max: 99 }).map(String), fc.stringMatching(/^[a-z]{1,5}$/));
    // Lists hold scalars or maps, as manifests' lists do; a map item starts on its dash line.
    const value: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown; map: unknown }>((tie) => ({
      node: fc.oneof({ maxDepth: 4 }, scalar, tie('map'), fc.array(fc.oneof(scalar, tie('map')), { minLength: 1, maxLength: 3 })),
      map: fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 3 }),
    })).node;
    const render = (node: unknown, indent: number): string[] => {
      const pad = ' '.repeat(indent);
      if (Array.isArray(node)) {
        return node.flatMap((item) => {
          if (typeof item !== 'object' || item === null) return [`${pad}- ${String(item)}`];
          const [first = '', ...rest] = render(item, indent + 2);
          return [`${pad}- ${first.trimStart()}`, ...rest];
        });
      }
      if (typeof node === 'object' && node !== null) {
        return Object.entries(node).flatMap(([name, item]) => (typeof item === 'object' && item !== null ? [`${pad}${name}:`, ...render(item, indent + 2)] : [`${pad}${name}: ${String(item)}`]));
      }
      return [`${pad}${String(node)}`];
    };
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 }), (manifest) => {
        const text = render(manifest, 0).join('\n') + '\n';
        const parsed = parseYamlDocuments(text, 'x.yaml', 'head').documents[0];
        const [outline] = outlineDocuments(text);
        expect(outline?.lines).toEqual(parsed?.lines);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws and stays inside the text, whatever it is given (property)', () => {
    const piece = fc.constantFrom('a:', ' b: 1', '- ', '-', '  - c: |', '{{ x }}', '---', '\n', '  ', '#', 'd: >-', 'e: "f"', "'g': h", ':', '- - x');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const lineCount = text.split(/\r?\n/).length;
        for (const doc of outlineDocuments(text)) {
          expect(doc.line).toBeLessThanOrEqual(doc.endLine);
          for (const line of Object.values(doc.lines)) expect(line >= doc.line && line <= doc.endLine && line <= lineCount).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
