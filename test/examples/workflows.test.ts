import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PIPELINE_INPUTS } from '../../src/changes/pipeline-files.js';

/** The example workflows users copy: each must use only inputs the action has, and ask for no more permissions than it needs. */

const root = new URL('../../', import.meta.url);
const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as { inputs: Record<string, unknown> };
const directory = new URL('examples/workflows/', root);
const examples = readdirSync(directory).filter((name) => name.endsWith('.yml'));

interface Workflow {
  permissions?: Record<string, string>;
  jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
}

/** What the gate needs, and what a step before it may need to plan or synthesise. */
const ALLOWED_PERMISSIONS: Record<string, string> = { contents: 'read', 'pull-requests': 'write', checks: 'write', 'id-token': 'write' };

describe.each(examples)('examples/workflows/%s', (name) => {
  const workflow = parse(readFileSync(new URL(name, directory), 'utf8')) as Workflow;
  const gates = Object.values(workflow.jobs).flatMap((job) => job.steps.filter((step) => step.uses?.startsWith('tollgate-dev/tollgate@')));

  it('runs the gate, with inputs the action has', () => {
    expect(gates).toHaveLength(1);
    for (const input of Object.keys(gates[0]?.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
  });

  it('sets its permissions explicitly, none beyond what the gate and its plan step need', () => {
    expect(workflow.permissions).toBeDefined();
    for (const [scope, level] of Object.entries(workflow.permissions ?? {})) expect(ALLOWED_PERMISSIONS[scope], `${scope}: ${level}`).toBe(level);
  });
});

describe('the pipeline inputs', () => {
  it('are all declared in action.yml', () => {
    for (const input of PIPELINE_INPUTS) expect(Object.keys(action.inputs)).toContain(input.name);
  });
});
