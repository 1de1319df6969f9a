import type { Notice } from '../../changes/model.js';
import type { ParseIssue, PipelineFile, Resource, ResourceSource } from '../model.js';
import type { TerraformChangeResult } from './change.js';
import { preferPlan } from './change.js';
import { directoryOf } from './configuration.js';
import { isTerraformPlan, planRootBlocks, readTerraformPlan, type PlanResult } from './plan.js';
import type { PlanOutline, PlanRoot } from './plan-roots.js';
import { withoutInstanceKeys } from './root.js';

/**
 * Saved plans given by earlier workflow steps (`terraform show -json plan.out`). A plan knows
 * every value of its root, remote modules and values known only after apply included, so it
 * replaces the source evaluation of the root it belongs to; the source still gives each resource
 * its file and line.
 */

export interface PipelinePlan {
  file: string;
  read: PlanResult;
  outline: PlanOutline;
}

/** The plans among the pipeline files, parsed; one that is not a plan is an issue on its file. */
export function readPipelinePlans(files: readonly PipelineFile[]): { plans: PipelinePlan[]; issues: ParseIssue[] } {
  const plans: PipelinePlan[] = [];
  const issues: ParseIssue[] = [];
  for (const file of files) {
    if (file.kind !== 'terraform-plan') continue;
    let value: unknown;
    try {
      value = JSON.parse(file.text);
    } catch {
      issues.push({ file: file.path, side: 'head', message: 'the Terraform plan is not valid JSON; give the output of `terraform show -json plan.out`, not the binary plan' });
      continue;
    }
    if (!isTerraformPlan(value)) {
      issues.push({ file: file.path, side: 'head', message: 'not a Terraform plan: expected `format_version` and `resource_changes`, as `terraform show -json plan.out` writes them' });
      continue;
    }
    const blocks = planRootBlocks(value);
    plans.push({ file: file.path, read: readTerraformPlan(value, file.path, file.text), outline: { file: file.path, ...(blocks ? { blocks } : {}) } });
  }
  return { plans, issues };
}

type ModuleSites = ReadonlyMap<string, { file: string; line: number }>;

/** The nearest module block of the root that encloses a planned resource: `module.vpc.module.subnets` is shown at `module "vpc"` when only that is read. */
function moduleSite(resource: Resource, sites: ModuleSites): { file: string; line: number } | undefined {
  let address = resource.module === undefined ? '' : withoutInstanceKeys(resource.module);
  while (address !== '') {
    const site = sites.get(address);
    if (site) return site;
    address = address.includes('.module.') ? address.slice(0, address.lastIndexOf('.module.')) : '';
  }
  return undefined;
}

/** A plan's resources in its root: lines from their HCL twins, else from the module block that holds them, else their entry in the plan. */
function placeSide(planned: readonly Resource[], hcl: readonly Resource[], root: string, sites: ModuleSites): Resource[] {
  const scoped = planned.map((resource) => ({ ...resource, scope: root }));
  return preferPlan(hcl, scoped)
    .filter((resource) => resource.meta.source === 'plan')
    .map((resource) => {
      if (resource.meta.planFile !== undefined) return resource;
      const site = moduleSite(resource, sites);
      return site === undefined ? resource : { ...resource, file: site.file, line: site.line, endLine: site.line, meta: { ...resource.meta, planFile: resource.file } };
    });
}

function staleNotice(file: string, plan: PlanRoot): Notice[] {
  if (plan.stale === undefined) return [];
  const { onlyInRoot, onlyInPlan } = plan.stale;
  const shown = (blocks: readonly string[]) => blocks.slice(0, 3).join(', ') + (blocks.length > 3 ? ` and ${blocks.length - 3} more` : '');
  const parts = [onlyInRoot.length > 0 ? `${plan.root} declares ${shown(onlyInRoot)}, which the plan does not` : '', onlyInPlan.length > 0 ? `the plan declares ${shown(onlyInPlan)}, which ${plan.root} does not` : ''].filter(Boolean);
  return [{ kind: 'plan', message: `the plan ${file} was not made from this pull request's head: ${parts.join('; ')}. Its figures may be stale; run terraform plan on the head commit in the same workflow.` }];
}

/**
 * The source evaluation with each plan in place of its root: the root's source resources give
 * way to the plan's on both sides, and the report learns which roots came from where.
 */
export function placePipelinePlans(plans: readonly PipelinePlan[], terraform: TerraformChangeResult): { base: Resource[]; head: Resource[]; notices: Notice[]; sources: ResourceSource[] } {
  const roots = new Map(plans.map((plan) => [plan.file, terraform.planRoots.get(plan.file) ?? { root: directoryOf(plan.file), by: 'none' as const }]));
  const planned = new Set([...roots.values()].map((plan) => plan.root));
  const base = terraform.base.filter((resource) => resource.scope === undefined || !planned.has(resource.scope));
  const head = terraform.head.filter((resource) => resource.scope === undefined || !planned.has(resource.scope));
  const notices: Notice[] = [];
  const sources: ResourceSource[] = terraform.roots.filter((root) => !planned.has(root)).map((root) => ({ kind: 'terraform-source', scope: root }));
  for (const plan of plans) {
    const placed = roots.get(plan.file) as PlanRoot;
    const sites = new Map(terraform.moduleCalls.filter((call) => call.scope === placed.root).map((call) => [call.address, { file: call.file, line: call.line }]));
    const ofRoot = (resources: readonly Resource[]) => resources.filter((resource) => resource.scope === placed.root);
    base.push(...placeSide(plan.read.base, ofRoot(terraform.base), placed.root, sites));
    head.push(...placeSide(plan.read.head, ofRoot(terraform.head), placed.root, sites));
    notices.push(...staleNotice(plan.file, placed));
    if (placed.by === 'none' && terraform.roots.length > 0) {
      notices.push({ kind: 'plan', message: `the plan ${plan.file} matches none of the Terraform roots this change touches (${terraform.roots.join(', ')}); its resources are reported under ${placed.root}. Write the plan into its root's directory.` });
    }
    sources.push({ kind: 'terraform-plan', scope: placed.root, file: plan.file });
  }
  return { base, head, notices, sources };
}
