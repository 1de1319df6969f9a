/**
 * The Terraform part of the iac stage: which roots a change touches, and each root evaluated
 * twice, from the base texts and from the head texts. Changed files bring their two sides;
 * unchanged files of the same roots, of the roots that call a changed module, and of their local
 * modules come from the change set's context.
 */
import type { ChangedFile, ContextFile, Notice, NoticeKind } from '../../changes/model.js';
import { resourceKey, type AddressMove, type ParseIssue, type Resource, type Side } from '../model.js';
import {
  TerraformParseCache,
  directoryOf,
  filesIn,
  isLocalSource,
  isTerraformConfigurationFile,
  isTerraformSource,
  moduleSource,
  resolveModuleDirectory,
  type TerraformFile,
} from './configuration.js';
import { attributePlan, declaredBlocks, type PlanOutline, type PlanRoot } from './plan-roots.js';
import { evaluateTerraformRoot, type ModuleCallSite } from './root.js';

export interface TerraformChangeOptions {
  /** Unchanged Terraform files the evaluation needs (`ChangeSet.context`). */
  context?: readonly ContextFile[];
  /** `config.terraform.varFiles`: repository-relative `.tfvars`/`.tfvars.json` paths applied to every root. */
  varFiles?: readonly string[];
  /** `config.cost.region`: the region of resources whose provider names none. */
  region?: string;
  /** Saved plans from earlier workflow steps: each is attributed to a root, whose plan then knows what the source cannot. */
  plans?: readonly PlanOutline[];
}

/** What a saved plan knows that the source evaluation had to leave unknown: these notices are dropped for a planned root. */
const PLAN_KNOWS: ReadonlySet<NoticeKind | undefined> = new Set<NoticeKind | undefined>(['remote-module', 'module-not-analysed', 'unknown-expansion']);

export interface TerraformChangeResult {
  base: Resource[];
  head: Resource[];
  issues: ParseIssue[];
  notices: Notice[];
  /** The head's `moved` blocks, scoped by root, for the diff to pair a resource whose address changed. */
  moves: AddressMove[];
  /** The roots evaluated from source at the head. */
  roots: string[];
  /** Each saved plan's root (by plan file). */
  planRoots: Map<string, PlanRoot>;
  /** The head's module blocks, scoped by root: where a planned resource of an unread module is shown. */
  moduleCalls: Array<ModuleCallSite & { scope: string }>;
}


function sideFiles(files: readonly ChangedFile[], context: readonly ContextFile[], side: Side): TerraformFile[] {
  const result = new Map<string, TerraformFile>();
  for (const file of context) if (isTerraformSource(file.path)) result.set(file.path, { path: file.path, text: file.text });
  for (const file of files) {
    const path = side === 'base' ? (file.previousPath ?? file.path) : file.path;
    const text = side === 'base' ? file.before : file.after;
    if (!isTerraformSource(path)) continue;
    if (text === undefined) result.delete(path);
    else result.set(path, { path, text });
  }
  return [...result.values()];
}

/** Caller directory → called local module directories, from both sides' module blocks. */
function moduleCallers(sides: ReadonlyArray<readonly TerraformFile[]>, cache: TerraformParseCache): Map<string, Set<string>> {
  const callers = new Map<string, Set<string>>();
  for (const files of sides) {
    for (const file of files) {
      if (!isTerraformConfigurationFile(file.path)) continue;
      for (const block of cache.parse(file).body.blocks) {
        if (block.type !== 'module') continue;
        const source = moduleSource(block);
        if (source === undefined || !isLocalSource(source)) continue;
        const caller = directoryOf(file.path);
        const callee = resolveModuleDirectory(caller, source);
        if (callee === undefined || callee === caller) continue;
        const set = callers.get(callee) ?? new Set<string>();
        set.add(caller);
        callers.set(callee, set);
      }
    }
  }
  return callers;
}

/** A changed directory is a root unless some directory calls it as a module: then its top callers are. */
export function rootsOf(changedDirectories: Iterable<string>, callers: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const roots = new Set<string>();
  for (const start of changedDirectories) {
    const seen = new Set<string>([start]);
    const queue = [start];
    let found = false;
    while (queue.length > 0) {
      const directory = queue.shift() as string;
      const up = callers.get(directory);
      if (!up || up.size === 0) {
        roots.add(directory);
        found = true;
        continue;
      }
      for (const caller of up) {
        if (seen.has(caller)) continue;
        seen.add(caller);
        queue.push(caller);
      }
    }
    // Modules that only call each other have no top: the changed directory is evaluated as it is.
    if (!found) roots.add(start);
  }
  return [...roots].sort();
}

function issueKey(issue: ParseIssue): string {
  return `${issue.side}\0${issue.file}\0${issue.line ?? ''}\0${issue.message}`;
}

/** Evaluates every Terraform root the change touches, base and head. */
export function evaluateTerraformChange(files: readonly ChangedFile[], options: TerraformChangeOptions = {}): TerraformChangeResult {
  const result: TerraformChangeResult = { base: [], head: [], issues: [], notices: [], moves: [], roots: [], planRoots: new Map(), moduleCalls: [] };
  const changed = files.filter((file) => isTerraformSource(file.path) || (file.previousPath !== undefined && isTerraformSource(file.previousPath)));
  if (changed.length === 0) {
    for (const plan of options.plans ?? []) result.planRoots.set(plan.file, attributePlan(plan, new Map()));
    return result;
  }
  const context = options.context ?? [];
  const cache = new TerraformParseCache();
  const sides = { base: sideFiles(changed, context, 'base'), head: sideFiles(changed, context, 'head') };
  const changedDirectories = new Set(changed.flatMap((file) => [file.path, file.previousPath].filter((path): path is string => path !== undefined).map(directoryOf)));
  const roots = rootsOf(changedDirectories, moduleCallers([sides.base, sides.head], cache));
  const headBlocks = new Map(roots.map((root) => [root, declaredBlocks(sides.head, root, cache)]));
  for (const plan of options.plans ?? []) result.planRoots.set(plan.file, attributePlan(plan, headBlocks));
  const planned = new Set([...result.planRoots.values()].map((plan) => plan.root));
  const seenIssues = new Set<string>();
  const seenNotices = new Set<string>();
  for (const side of ['base', 'head'] as const) {
    const available = sides[side];
    const byPath = new Map(available.map((file) => [file.path, file]));
    const varFiles = (options.varFiles ?? []).map((path) => byPath.get(path)).filter((file): file is TerraformFile => file !== undefined);
    for (const directory of roots) {
      if (!filesIn(available, directory).some((file) => isTerraformConfigurationFile(file.path))) {
        for (const file of filesIn(available, directory)) cache.parse(file);
        continue;
      }
      const evaluated = evaluateTerraformRoot({ directory, files: available, varFiles, side, cache, ...(options.region !== undefined ? { region: options.region } : {}) });
      // The root directory scopes each address: two roots may both declare `aws_instance.web`.
      result[side].push(...evaluated.resources.map((resource) => ({ ...resource, scope: directory })));
      for (const issue of evaluated.issues) {
        if (seenIssues.has(issueKey(issue))) continue;
        seenIssues.add(issueKey(issue));
        result.issues.push(issue);
      }
      // Moved blocks say where the base's objects are now: only the head's apply.
      if (side === 'head') {
        result.moves.push(...evaluated.moves.map((move) => ({ ...move, scope: directory })));
        result.moduleCalls.push(...evaluated.moduleCalls.map((call) => ({ ...call, scope: directory })));
        result.roots.push(directory);
      }
      for (const notice of evaluated.notices) {
        // Notices describe the change under review: the head side's are the ones a reader acts on.
        if (side === 'head' && !seenNotices.has(notice.message) && !(planned.has(directory) && PLAN_KNOWS.has(notice.kind))) {
          seenNotices.add(notice.message);
          result.notices.push(notice);
        }
      }
    }
  }
  for (const path of options.varFiles ?? []) {
    if (!sides.head.some((file) => file.path === path)) {
      result.notices.push({ kind: 'var-file', message: `Terraform var file ${path} (from the config) was not among the files read; its values were not applied`, file: path });
    }
  }
  return result;
}

/** An address without its last instance key: `module.a[0].aws_instance.web["x"]` → `module.a[0].aws_instance.web`. */
function withoutInstanceKey(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

/** What the HCL side knows that plan JSON does not carry: the lifecycle block, provider default tags, override files. */
const HCL_ONLY_META = ['lifecycle', 'providerDefaultTags', 'overrideFiles'];

/**
 * The HCL resource a planned one stands for: the same address in the plan's scope, or, when the
 * plan file lies outside the root, the one HCL resource with that address. A planned instance
 * (`web[0]`) finds the block (`web`) when the HCL side could not expand its count, and a moved
 * resource finds its block under the plan's `previous_address`.
 */
function hclTwin(planned: Resource, byKey: ReadonlyMap<string, Resource>, byAddress: ReadonlyMap<string, Resource[]>): Resource | undefined {
  const previous = typeof planned.meta.previousAddress === 'string' ? planned.meta.previousAddress : undefined;
  const addresses = [planned.address, withoutInstanceKey(planned.address), ...(previous !== undefined ? [previous, withoutInstanceKey(previous)] : [])];
  for (const address of addresses) {
    const sameScope = byKey.get(resourceKey(planned.scope, address));
    if (sameScope) return sameScope;
    const anywhere = byAddress.get(address);
    if (anywhere?.length === 1) return anywhere[0];
  }
  return undefined;
}

/**
 * A saved plan is the most precise description of a resource, but it has no source lines and no
 * lifecycle: its resources replace their HCL twins (see hclTwin) and take over their scope, file,
 * lines, attribute lines and HCL-only meta, so rules on `lifecycle` judge plan input too.
 */
export function preferPlan(hcl: readonly Resource[], plan: readonly Resource[]): Resource[] {
  if (plan.length === 0) return [...hcl];
  const byKey = new Map(hcl.map((resource) => [resourceKey(resource.scope, resource.address), resource]));
  const byAddress = new Map<string, Resource[]>();
  for (const resource of hcl) byAddress.set(resource.address, [...(byAddress.get(resource.address) ?? []), resource]);
  const replaced = new Set<Resource>();
  const merged: Resource[] = [];
  for (const planned of plan) {
    const source = hclTwin(planned, byKey, byAddress);
    if (!source) {
      merged.push(planned);
      continue;
    }
    replaced.add(source);
    const kept = Object.fromEntries(HCL_ONLY_META.filter((key) => source.meta[key] !== undefined).map((key) => [key, source.meta[key]]));
    merged.push({
      ...planned,
      ...(source.scope !== undefined ? { scope: source.scope } : {}),
      file: source.file,
      line: source.line,
      endLine: source.endLine,
      ...(source.attributeLines ? { attributeLines: source.attributeLines } : {}),
      ...(planned.region === undefined && source.region !== undefined ? { region: source.region } : {}),
      meta: { ...planned.meta, ...kept, planFile: planned.file },
    });
  }
  return [...hcl.filter((resource) => !replaced.has(resource)), ...merged];
}
