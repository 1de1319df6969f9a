import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PIPELINE_INPUTS } from '../../src/changes/pipeline-files.js';
import { workflowChanges } from '../../src/checks/hygiene/workflow-changes.js';
import { emptyCost } from '../../src/cost/model.js';
import { plainConfig } from '../../src/test-support.js';

/** The example workflows users copy: each must use only inputs the action has, and ask for no more permissions than it needs. */

const root = new URL('../../', import.meta.url);
const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as { inputs: Record<string, unknown> };
const readme = readFileSync(new URL('README.md', root), 'utf8');
const directory = new URL('examples/workflows/', root);
const examples = readdirSync(directory).filter((name) => name.endsWith('.yml'));

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

interface Workflow {
  on: Record<string, { types?: string[]; paths?: string[] } | null>;
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, { if?: string; permissions?: unknown; steps: Step[] }>;
}

/** What the gate itself needs: reading the change, the sticky comment, the check run. */
const GATE_PERMISSIONS: Record<string, string> = { contents: 'read', 'pull-requests': 'write', checks: 'write' };

/** Each permission an example asks for beyond the gate's, and why that example needs it. */
const EXTRA_PERMISSIONS: Record<string, Record<string, { level: string; reason: string }>> = {
  'plan-then-gate.yml': { 'id-token': { level: 'write', reason: 'the cloud role terraform plan reads the state with (OIDC)' } },
  'pulumi-preview.yml': { 'id-token': { level: 'write', reason: 'the cloud role pulumi preview reads the stack with (OIDC)' } },
  'sarif.yml': {
    'security-events': { level: 'write', reason: 'upload-sarif writes to code scanning' },
    actions: { level: 'read', reason: 'upload-sarif reads the workflow run in private repositories' },
  },
  'budget-override.yml': { issues: { level: 'read', reason: 'who added the approval label comes from the issue events' } },
};

const EXPECTED = ['basic.yml', 'fork-safe.yml', 'monorepo.yml', 'sarif.yml', 'plan-then-gate.yml', 'budget-override.yml', 'cdk-synth.yml', 'pulumi-preview.yml'];

function read(name: string): { text: string; workflow: Workflow } {
  const text = readFileSync(new URL(name, directory), 'utf8');
  return { text, workflow: parse(text) as Workflow };
}

const steps = (workflow: Workflow): Step[] => Object.values(workflow.jobs).flatMap((job) => job.steps);
const checkouts = (workflow: Workflow): Step[] => steps(workflow).filter((step) => step.uses?.startsWith('actions/checkout@'));

it('the examples are the ones the README lists, one line each', () => {
  expect([...examples].sort()).toEqual([...EXPECTED].sort());
  for (const name of examples) expect(readme, name).toMatch(new RegExp(`^- \\[\`${name.replace(/\./g, '\\.')}\`\\]\\(examples/workflows/${name.replace(/\./g, '\\.')}\\)`, 'm'));
});

describe.each(examples)('examples/workflows/%s', (name) => {
  const { text, workflow } = read(name);
  const gates = steps(workflow).filter((step) => step.uses?.startsWith('tollgate-dev/tollgate@'));

  it('runs the gate once, with inputs the action has', () => {
    expect(gates).toHaveLength(1);
    for (const input of Object.keys(gates[0]?.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
  });

  it('asks for the gate’s permissions and only the extras listed for it, at the workflow level', () => {
    expect(typeof workflow.permissions).toBe('object');
    const allowed = { ...GATE_PERMISSIONS, ...Object.fromEntries(Object.entries(EXTRA_PERMISSIONS[name] ?? {}).map(([scope, extra]) => [scope, extra.level])) };
    expect(workflow.permissions).toEqual(allowed);
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toBeUndefined();
  });

  it('keeps one run per pull request', () => {
    expect(workflow.concurrency).toEqual({ group: 'tollgate-${{ github.event.pull_request.number }}', 'cancel-in-progress': true });
  });

  it('checks out with the history git mode needs, or nothing of the pull request on pull_request_target', () => {
    expect(checkouts(workflow)).toHaveLength(1);
    const [checkout] = checkouts(workflow);
    if ('pull_request_target' in workflow.on) expect(checkout?.with).toEqual({ 'persist-credentials': false });
    else expect(checkout?.with?.['fetch-depth']).toBe(0);
  });

  it('is not a workflow change tollgate would warn about', () => {
    const context = { files: [{ path: `.github/workflows/${name}`, status: 'added' as const, after: text }], resources: [], parseIssues: [], suppressions: [], cost: emptyCost(), config: plainConfig(), options: {} };
    expect(workflowChanges.run(context)).toEqual([]);
  });
});

describe('what each example shows', () => {
  it('fork-safe runs on pull_request_target and runs nothing of its own', () => {
    const { workflow } = read('fork-safe.yml');
    expect(Object.keys(workflow.on)).toEqual(['pull_request_target']);
    expect(steps(workflow).filter((step) => step.run !== undefined)).toEqual([]);
  });

  it('budget-override re-runs when a label is added or removed, and never skips its job', () => {
    const { workflow } = read('budget-override.yml');
    expect(workflow.on.pull_request?.types).toEqual(expect.arrayContaining(['opened', 'synchronize', 'reopened', 'labeled', 'unlabeled']));
    for (const job of Object.values(workflow.jobs)) expect(job.if).toBeUndefined();
  });

  it('monorepo filters by path and reads its config from its working directory', () => {
    const { workflow } = read('monorepo.yml');
    expect(workflow.on.pull_request?.paths?.length).toBeGreaterThan(0);
    const gate = steps(workflow).find((step) => step.uses?.startsWith('tollgate-dev/tollgate@'));
    expect(gate?.with).toMatchObject({ 'working-directory': 'platform', config: 'tollgate.yml' });
  });

  it('sarif uploads the file the CLI writes, after a failing gate too', () => {
    const { workflow } = read('sarif.yml');
    const writer = steps(workflow).find((step) => step.run?.includes('--format sarif'));
    const upload = steps(workflow).find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(writer?.run).toContain(`--output ${String(upload?.with?.sarif_file)}`);
    expect(writer?.run).not.toContain('${{');
    expect([writer?.if, upload?.if]).toEqual(['${{ !cancelled() }}', '${{ !cancelled() }}']);
  });

  it('plan-then-gate hands the plan JSON to the terraform-plan input', () => {
    const { workflow } = read('plan-then-gate.yml');
    const gate = steps(workflow).find((step) => step.uses?.startsWith('tollgate-dev/tollgate@'));
    expect(steps(workflow).some((step) => step.run?.includes('terraform') && step.run.includes('show -json'))).toBe(true);
    expect(gate?.with?.['terraform-plan']).toBeDefined();
  });
});

describe('the pipeline inputs', () => {
  it('are all declared in action.yml', () => {
    for (const input of PIPELINE_INPUTS) expect(Object.keys(action.inputs)).toContain(input.name);
  });
});
