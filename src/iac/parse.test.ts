import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIac } from './parse.js';
import { findSuppressions } from './suppressions.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app: web
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
`;

describe('parseIac', () => {
  it('reads every Kubernetes document with its lines and a stable address', () => {
    const result = parseIac([{ path: 'k8s/web.yaml', status: 'added', after: deployment }]);
    expect(result.head.map((r) => [r.address, r.line, r.endLine])).toEqual([
      ['apps/v1/Deployment/shop/web', 1, 14],
      ['v1/Service/default/web', 16, 22],
    ]);
    const [web] = result.head;
    expect(web?.attributeLines?.['spec.replicas']).toBe(9);
    expect(web?.attributeLines?.['spec.template.spec.containers.0.image']).toBe(14);
    expect(web?.labels).toEqual({ app: 'web' });
    expect(result.parseIssues).toEqual([]);
  });

  it('unpacks List kinds and keeps item lines', () => {
    const list = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: a
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: b
`;
    const result = parseIac([{ path: 'list.yaml', status: 'added', after: list }]);
    expect(result.head.map((r) => [r.address, r.line])).toEqual([
      ['v1/ConfigMap/default/a', 4],
      ['v1/ConfigMap/default/b', 8],
    ]);
  });

  it('reads both sides, using the previous path for a renamed file', () => {
    const result = parseIac([{ path: 'new.yaml', previousPath: 'old.yaml', status: 'renamed', before: deployment, after: deployment }]);
    expect(result.base.map((r) => r.file)).toEqual(['old.yaml', 'old.yaml']);
    expect(result.head.map((r) => r.file)).toEqual(['new.yaml', 'new.yaml']);
  });

  it('ignores YAML that is not Kubernetes, quietly', () => {
    const workflow = 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n';
    expect(parseIac([{ path: '.github/workflows/ci.yml', status: 'added', after: workflow }])).toEqual({ base: [], head: [], parseIssues: [], suppressions: [], baseSuppressions: [], notices: [], moves: [], sources: [] });
  });

  it('reports a YAML syntax error with its line, and still reads the other documents and files', () => {
    const broken = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\nkey: [unclosed\nother: 1\n';
    const result = parseIac([
      { path: 'broken.yaml', status: 'added', after: broken },
      { path: 'fine.yaml', status: 'added', after: deployment },
    ]);
    expect(result.parseIssues).toEqual([expect.objectContaining({ file: 'broken.yaml', side: 'head', line: expect.any(Number) })]);
    expect(result.parseIssues[0]?.line).toBeGreaterThanOrEqual(6);
    expect(result.head.map((r) => r.address)).toEqual(['v1/ConfigMap/default/ok', 'apps/v1/Deployment/shop/web', 'v1/Service/default/web']);
  });

  it('stops a YAML alias bomb with an issue instead of expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i += 1) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const result = parseIac([{ path: 'bomb.yaml', status: 'added', after: bomb.join('\n') }]);
    expect(result.parseIssues).toEqual([expect.objectContaining({ file: 'bomb.yaml', message: expect.stringContaining('alias') })]);
  });

  it('reports invalid JSON with its line and without echoing the content', () => {
    const result = parseIac([{ path: 'cfn/stack.json', status: 'added', after: '{\n  "a": 1,\n  "secret": "hunter2",\n}' }]);
    expect(result.parseIssues).toEqual([{ file: 'cfn/stack.json', side: 'head', message: expect.stringMatching(/^invalid JSON/), line: 4 }]);
    expect(result.parseIssues[0]?.message).not.toContain('hunter2');
  });

  it('reads Kubernetes JSON manifests', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, null, 2);
    expect(parseIac([{ path: 'ns.json', status: 'added', after: json }]).head.map((r) => r.address)).toEqual(['v1/Namespace/default/shop']);
  });

  it('skips Helm templates, which are not YAML before rendering', () => {
    const template = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n';
    expect(parseIac([{ path: 'charts/app/templates/cm.yaml', status: 'added', after: template }]).parseIssues).toEqual([]);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.constantFrom('a.yaml', 'b.json', 'c.yml'), (text, path) => {
        const result = parseIac([{ path, status: 'modified', before: text, after: text }]);
        expect(Array.isArray(result.parseIssues)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('findSuppressions', () => {
  it('reads rule id and reason from YAML and HCL comments', () => {
    const text = 'a: 1 # tollgate:ignore k8s-replicas single replica by design\n// tollgate:ignore pr-size\nb: 2\n  # tollgate:ignore   parse-error   vendored  \n';
    expect(findSuppressions(text, 'f.yaml')).toEqual([
      { file: 'f.yaml', line: 1, ruleId: 'k8s-replicas', reason: 'single replica by design' },
      { file: 'f.yaml', line: 2, ruleId: 'pr-size' },
      { file: 'f.yaml', line: 4, ruleId: 'parse-error', reason: 'vendored' },
    ]);
  });

  it('does not treat the words outside a comment as a suppression', () => {
    expect(findSuppressions('description: "see tollgate:ignore docs"\n', 'f.yaml')).toEqual([]);
  });
});

describe('parseIac with a Terraform plan', () => {
  it('reads both sides of the change from the head version of the plan only', () => {
    const plan = (instanceClass: string) =>
      JSON.stringify({
        format_version: '1.2',
        resource_changes: [
          {
            address: 'aws_db_instance.main',
            mode: 'managed',
            type: 'aws_db_instance',
            name: 'main',
            change: { actions: ['update'], before: { instance_class: 'db.t3.micro' }, after: { instance_class: instanceClass } },
          },
        ],
      });
    const result = parseIac([{ path: 'plan.json', status: 'modified', before: plan('db.old'), after: plan('db.r6g.large') }]);
    expect(result.base.map((r) => r.attributes.instance_class)).toEqual(['db.t3.micro']);
    expect(result.head.map((r) => r.attributes.instance_class)).toEqual(['db.r6g.large']);
  });
});

describe('parseIac with CloudFormation', () => {
  const template = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  InstanceType:
    Type: String
    Default: t3.large
Resources:
  Api:
    Type: AWS::EC2::Instance
    Metadata:
      tollgate:
        ignore:
          - rule: parse-error
            reason: example
    Properties:
      InstanceType: !Ref InstanceType
      ImageId: !Sub "{{resolve:ssm:/ami/\${AWS::Region}}}"
`;

  it('reads templates with short intrinsic tags, resolving parameter defaults', () => {
    const result = parseIac([{ path: 'stacks/api.yaml', status: 'added', after: template }]);
    expect(result.parseIssues).toEqual([]);
    expect(result.head.map((r) => [r.kind, r.type, r.address, r.line])).toEqual([['cloudformation', 'AWS::EC2::Instance', 'stacks/api.yaml#Api', 7]]);
    expect((result.head[0]?.attributes.Properties as Record<string, unknown>).InstanceType).toBe('t3.large');
  });

  it('turns Metadata.tollgate.ignore into suppressions', () => {
    expect(parseIac([{ path: 'stacks/api.yaml', status: 'added', after: template }]).suppressions).toEqual([
      { file: 'stacks/api.yaml', line: 7, endLine: expect.any(Number), ruleId: 'parse-error', reason: 'example' },
    ]);
  });

  it('reads .template files only when they are CloudFormation', () => {
    expect(parseIac([{ path: 'stack.template', status: 'added', after: template }]).head).toHaveLength(1);
    expect(parseIac([{ path: 'nginx.conf.template', status: 'added', after: 'server { listen ${PORT}; }' }])).toEqual({ base: [], head: [], parseIssues: [], suppressions: [], baseSuppressions: [], notices: [], moves: [], sources: [] });
  });
});

describe('parseIac with a renamed CloudFormation template', () => {
  it('pairs each resource with itself across the rename', () => {
    const template = (size: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Api:\n    Type: AWS::EC2::Instance\n    Properties:\n      InstanceType: ${size}\n`;
    const result = parseIac([{ path: 'stacks/api.yaml', previousPath: 'api.yaml', status: 'renamed', before: template('t3.large'), after: template('t3.xlarge') }]);
    expect(result.base.map((r) => [r.address, r.file, r.scope])).toEqual([['stacks/api.yaml#Api', 'api.yaml', 'stacks/api.yaml']]);
    expect(result.head.map((r) => [r.address, r.scope])).toEqual([['stacks/api.yaml#Api', 'stacks/api.yaml']]);
  });
});

describe('parseIac scopes', () => {
  const instance = 'resource "aws_instance" "web" {\n  instance_type = "m5.large"\n}\n';

  it('scopes Terraform resources by root, so two roots keep the same address apart', () => {
    const result = parseIac([
      { path: 'envs/prod/main.tf', status: 'added', after: instance },
      { path: 'envs/staging/main.tf', status: 'added', after: instance },
    ]);
    expect(result.head.map((r) => [r.scope, r.address]).sort()).toEqual([
      ['envs/prod', 'aws_instance.web'],
      ['envs/staging', 'aws_instance.web'],
    ]);
  });

  it('keeps the scope of a Terraform root whose files all moved to another directory', () => {
    const result = parseIac([{ path: 'envs/production/main.tf', previousPath: 'envs/prod/main.tf', status: 'renamed', before: instance, after: instance }]);
    expect(result.base.map((r) => [r.scope, r.file])).toEqual([['envs/production', 'envs/prod/main.tf']]);
    expect(result.head.map((r) => r.scope)).toEqual(['envs/production']);
  });

  it('scopes rendered output by its chart or kustomization, and leaves raw manifests unscoped', () => {
    const result = parseIac([
      { path: 'deploy/overlays/prod/kustomization.yaml', status: 'added', after: deployment, renderedFrom: { tool: 'kustomize', directory: 'deploy/overlays/prod' } },
      { path: 'k8s/web.yaml', status: 'added', after: deployment },
    ]);
    expect(result.head.map((r) => [r.file, r.scope])).toEqual([
      ['deploy/overlays/prod/kustomization.yaml', 'deploy/overlays/prod'],
      ['deploy/overlays/prod/kustomization.yaml', 'deploy/overlays/prod'],
      ['k8s/web.yaml', undefined],
      ['k8s/web.yaml', undefined],
    ]);
  });
});

describe('parseIac with files the collector could not read', () => {
  it.each([
    ['a deleted manifest whose base could not be read', { path: 'k8s/gone.yaml', status: 'removed', note: 'the base version could not be read (EACCES)' }],
    ['a symbolic link', { path: 'k8s/link.yaml', status: 'added', note: 'symbolic link; not followed' }],
    ['a binary JSON file', { path: 'stacks/blob.json', status: 'added', binary: true, note: 'binary file; contents not read' }],
  ] as const)('reports %s with its note', (_name, file) => {
    expect(parseIac([file]).parseIssues).toEqual([{ file: file.path, side: 'head', message: file.note }]);
  });

  it('parses neither side of a modified file with one side unread, rather than call its objects removed', () => {
    const result = parseIac([{ path: 'k8s/web.yaml', status: 'modified', before: deployment, note: 'the head version (2222222) could not be read (HTTP 500: Server Error)' }]);
    expect([result.base, result.head]).toEqual([[], []]);
    expect(result.parseIssues).toEqual([{ file: 'k8s/web.yaml', side: 'head', message: 'the head version (2222222) could not be read (HTTP 500: Server Error)' }]);
  });

  it('leaves unread files of formats it never parses to the hygiene rules, and does not report text left out on purpose', () => {
    const result = parseIac([
      { path: 'docs/logo.png', status: 'added', binary: true, note: 'binary file; contents not read' },
      { path: 'deploy/base/patch.yaml', status: 'modified', omitted: 'part of kustomization deploy/base; read through the rendered output of deploy/overlays/prod' },
    ]);
    expect(result.parseIssues).toEqual([]);
  });
});
