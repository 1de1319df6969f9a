import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { bench, describe } from 'vitest';
import { parseIac } from '../src/iac/parse.js';
import { parseHcl } from '../src/iac/terraform/hcl/index.js';
import { startFakeGitHub } from '../test/e2e/fake-github.js';
import { pullRequestEvent } from '../test/e2e/payloads.js';
import { runAction } from '../test/e2e/run-action.js';
import { hugeYaml } from '../test/corpus/generators.js';
import { defaultConfig } from '../src/config/load.js';
import { runGate } from '../src/gate.js';
import { parsePolicyFiles } from '../src/policies/file.js';

/*
 * `npm run bench`: every figure that tollgate's docs or notes quote comes from here, as a ratio to
 * a baseline measured in the same run on the same machine — never from a timed assertion.
 */

const root = fileURLToPath(new URL('../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'tollgate-bench-'));

function writeTree(directory: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), text);
  }
}

// A pull request that touches application code only: the gate should cost little more than Node.
const noIacBase = { 'README.md': '# shop\n', 'src/app.ts': 'export const answer = 41;\n' };
const noIacHead = { 'README.md': '# shop\n\nNow with docs.\n', 'src/app.ts': 'export const answer = 42;\n', 'src/new.ts': 'export {};\n' };
writeTree(join(work, 'base'), noIacBase);
writeTree(join(work, 'head'), noIacHead);

const fake = await startFakeGitHub({ owner: 'acme', repo: 'shop', pullNumber: 7, baseSha: 'a'.repeat(40), headSha: 'b'.repeat(40), base: noIacBase, head: noIacHead });
const event = pullRequestEvent({ action: 'synchronize', owner: 'acme', repo: 'shop', number: 7, headSha: 'b'.repeat(40), baseSha: 'a'.repeat(40) });

function node(args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
  if (result.status !== 0 && result.status !== 1) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
}

describe('cold start: a pull request that touches no infrastructure', () => {
  bench('baseline: node running an empty script', () => node(['-e', '']), { time: 3000 });
  bench('tollgate CLI: node dist/cli.js check on two directories', () => node(['dist/cli.js', 'check', '--base', join(work, 'base'), '--head', join(work, 'head')]), { time: 3000 });
  bench(
    'tollgate action: node dist/index.js, changes from the API, comment and check run posted',
    async () => {
      const run = await runAction({ fake, token: 'bench-token', eventName: 'pull_request', event });
      if (run.exitCode !== 0) throw new Error(`action exited ${run.exitCode}: ${run.stderr}`);
    },
    { time: 5000 },
  );
});

function kubernetesDocuments(lines: number): string {
  const documents: string[] = [];
  for (let i = 0; documents.join('\n---\n').split('\n').length < lines; i += 1) {
    documents.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: service-${i}
  namespace: shop
  labels:
    app: service-${i}
    tier: backend
spec:
  replicas: 3
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app: service-${i}
  template:
    metadata:
      labels:
        app: service-${i}
    spec:
      containers:
        - name: app
          image: ghcr.io/acme/service-${i}:1.${i}.0
          ports:
            - containerPort: 8080
          resources:
            requests: { cpu: 250m, memory: 256Mi }
            limits: { memory: 512Mi }
          readinessProbe:
            httpGet: { path: /healthz, port: 8080 }`);
  }
  return documents.join('\n---\n');
}

function terraformBlocks(lines: number): string {
  const blocks: string[] = [];
  for (let i = 0; blocks.join('\n\n').split('\n').length < lines; i += 1) {
    blocks.push(`resource "aws_instance" "api_${i}" {
  ami           = data.aws_ami.ubuntu.id
  instance_type = var.instance_type
  subnet_id     = element(module.vpc.private_subnets, ${i % 3})

  root_block_device {
    volume_size = 50
    volume_type = "gp3"
  }

  tags = merge(local.tags, {
    Name = "api-${i}"
  })
}`);
  }
  return blocks.join('\n\n');
}

const yamlText = kubernetesDocuments(5000);
const listText = hugeYaml(2_000_000);
const hclText = terraformBlocks(5000);

describe('parsing a 5,000-line file', () => {
  bench('baseline: the YAML library alone on the Kubernetes file', () => {
    parseAllDocuments(yamlText);
  });
  bench('iac stage on the Kubernetes file (documents, lines, resources)', () => {
    parseIac([{ path: 'k8s/services.yaml', status: 'added', after: yamlText }]);
  });
  bench('HCL parser on the Terraform file (blocks, attributes, expressions, lines)', () => {
    parseHcl(hclText, 'main.tf');
  });
  bench('iac stage on the Terraform file (HCL, variables, locals, functions, resources)', () => {
    parseIac([
      { path: 'infra/main.tf', status: 'added', after: hclText },
      { path: 'infra/variables.tf', status: 'added', after: 'variable "instance_type" {\n  default = "m5.large"\n}\nlocals {\n  tags = { team = "shop" }\n}\n' },
    ]);
  });
});

describe('a 2 MB Kubernetes List (one document, ~7,000 items): the iac stage stays linear', () => {
  bench('baseline: the YAML library alone on the List', () => {
    parseAllDocuments(listText);
  }, { time: 3000 });
  bench('iac stage on the List (items, key lines, resources)', () => {
    parseIac([{ path: 'k8s/configmaps.yaml', status: 'added', after: listText }]);
  }, { time: 3000 });
});

// 1,000 custom policies (operators, regexes, CEL) over a change of 300 Deployments: the work
// is policies × matched objects, each bounded, so the ratio to the same gate without them is the cost.
const manifests = Array.from({ length: 300 }, (_, i) => ({
  path: `k8s/app-${i}.yaml`,
  status: 'added' as const,
  after: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: shop\n  labels: { team: t${i % 7} }\nspec:\n  replicas: ${(i % 5) + 1}\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/app-${i}:1.${i}\n          resources: { requests: { cpu: ${(i % 4) + 1}00m, memory: ${(i % 8) + 1}Gi } }\n`,
}));
const assertions = [
  '{ path: "spec.template.spec.containers[*].image", matches: "^ghcr\\\\.io/acme/" }',
  '{ path: spec.replicas, gte: 2 }',
  '{ path: "spec.template.spec.containers[*].resources.requests.memory", lte: 4Gi, ifSet: true }',
  '{ expression: "object.spec.template.spec.containers.all(c, has(c.resources))" }',
];
const policyFile = `policies:\n${Array.from({ length: 1_000 }, (_, i) => `  - id: policy-${i}\n    title: Policy ${i}\n    severity: warning\n    message: m\n    fix: f\n    match: { kubernetes: Deployment, labels: { team: "t${i % 7}" } }\n    assert: ${assertions[i % assertions.length]}\n`).join('')}`;
const { policies, errors: policyErrors } = parsePolicyFiles([{ path: 'policies.yml', text: policyFile }], new Set());
if (policies.length !== 1_000) throw new Error(`the bench's policies did not load: ${JSON.stringify(policyErrors.slice(0, 3))}`);
const quietConfig = defaultConfig();
const manifestChange = { source: 'directories' as const, baseRef: 'base', headRef: 'head', files: manifests, notices: [] };

describe('custom policies: 1,000 policies over a change of 300 Deployments', () => {
  bench('baseline: the gate without custom policies', () => {
    runGate({ config: quietConfig, changes: manifestChange });
  }, { time: 3000 });
  bench('the gate with 1,000 custom policies (operators, regexes, CEL)', () => {
    runGate({ config: quietConfig, changes: manifestChange, policies });
  }, { time: 3000 });
});
