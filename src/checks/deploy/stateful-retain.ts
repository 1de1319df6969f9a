import { isPlanned, type Resource } from '../../iac/model.js';
import { containsUnknown } from '../../iac/values.js';
import type { Rule, RuleFinding } from '../model.js';
import { UNKNOWN, cloudProduction, judgedCloudResources, label, stringAt } from './aws.js';
import { findingAt, isRecord } from './kubernetes.js';
import { STATEFUL_CLOUDFORMATION, STATEFUL_TERRAFORM, statefulType } from './stateful.js';

const TYPES = { terraform: new Set(Object.keys(STATEFUL_TERRAFORM)), cloudformation: new Set(Object.keys(STATEFUL_CLOUDFORMATION)) };
const KEEPING_POLICIES = new Set(['Retain', 'RetainExceptOnCreate', 'Snapshot']);

function terraformFinding(resource: Resource, holds: string): RuleFinding[] {
  // A plan's resource_changes carry no lifecycle block: a planned resource is judged only when its
  // HCL twin was in the change too and lent it the block (`planFile` marks that merge).
  if (isPlanned(resource) && resource.meta.planFile === undefined) return [];
  const lifecycle = resource.meta.lifecycle;
  const preventDestroy = isRecord(lifecycle) ? lifecycle.prevent_destroy : undefined;
  if (preventDestroy === true || containsUnknown(preventDestroy)) return [];
  return [findingAt(resource, '', `${label(resource)} holds ${holds} but has no lifecycle prevent_destroy; a rename, a removed block or a force-new change destroys it at the next apply.`, 'Add `lifecycle { prevent_destroy = true }` (remove it deliberately, in its own pull request, when the resource must go).')];
}

function cloudFormationFinding(resource: Resource, holds: string): RuleFinding[] {
  const deletion = stringAt(resource, 'DeletionPolicy');
  const replace = stringAt(resource, 'UpdateReplacePolicy');
  if (deletion === UNKNOWN || replace === UNKNOWN) return [];
  const missing = [
    ...(deletion !== undefined && KEEPING_POLICIES.has(deletion) ? [] : [`DeletionPolicy ${deletion ?? '(unset: Delete)'}`]),
    ...(replace !== undefined && KEEPING_POLICIES.has(replace) ? [] : [`UpdateReplacePolicy ${replace ?? '(unset: Delete)'}`]),
  ];
  if (missing.length === 0) return [];
  const path = deletion !== undefined && !KEEPING_POLICIES.has(deletion) ? 'DeletionPolicy' : replace !== undefined && !KEEPING_POLICIES.has(replace) ? 'UpdateReplacePolicy' : '';
  return [findingAt(resource, path, `${label(resource)} holds ${holds} but has ${missing.join(' and ')}; removing it from the template or a replacing update deletes it.`, 'Set both DeletionPolicy and UpdateReplacePolicy to Retain (or Snapshot where the type supports it).')];
}

export const statefulRetain: Rule = {
  id: 'stateful-retain',
  title: 'Production resources that hold data are protected from deletion',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/stateful-retain.md',
  run: (context) =>
    judgedCloudResources(context.resources, TYPES).flatMap((resource) => {
      const stateful = statefulType(resource);
      if (!stateful || !cloudProduction(resource, context)) return [];
      return resource.kind === 'terraform' ? terraformFinding(resource, stateful.holds) : cloudFormationFinding(resource, stateful.holds);
    }),
};
