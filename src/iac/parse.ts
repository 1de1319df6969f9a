import type { ChangedFile, ContextFile, Notice } from '../changes/model.js';
import { checkovSuppressions } from './checkov-suppressions.js';
import { readCdkSynth } from './cloudformation/cdk-synth.js';
import { cloudFormationSuppressions, looksLikeCloudFormation, parseCloudFormation } from './cloudformation/index.js';
import { fileFormat, isHelmTemplate } from './file-kinds.js';
import { parseJsonDocument } from './json-documents.js';
import { kubernetesSuppressions } from './kubernetes-suppressions.js';
import { kubernetesResources } from './kubernetes.js';
import { commentTexts, locateRendered } from './rendered-sources.js';
import type { AddressMove, IacResult, InlineSuppression, ParseIssue, PipelineFile, Resource, ResourceSource, Side } from './model.js';
import { findSuppressions } from './suppressions.js';
import { evaluateTerraformChange, preferPlan } from './terraform/change.js';
import { directoryOf, isTerraformSource } from './terraform/configuration.js';
import { isTerraformPlan, readTerraformPlan } from './terraform/plan.js';
import { placePipelinePlans, readPipelinePlans, type PipelinePlan } from './terraform/pipeline-plans.js';
import { MAX_PARSE_CHARS, withoutOversizedText } from './size-limit.js';
import { readPipelinePreviews } from './pulumi/preview.js';
import { parseYamlDocuments, type ParsedDocuments } from './yaml-documents.js';

interface FileResult {
  base: Resource[];
  head: Resource[];
  issues: ParseIssue[];
  suppressions: InlineSuppression[];
  baseSuppressions: InlineSuppression[];
}

function suppressionsOf(into: FileResult, side: Side): InlineSuppression[] {
  return side === 'head' ? into.suppressions : into.baseSuppressions;
}

export interface ParseIacOptions {
  /** Unchanged files some parser needs (`ChangeSet.context`): the rest of a Terraform root, its local modules. */
  context?: readonly ContextFile[];
  /** `config.terraform.varFiles`. */
  varFiles?: readonly string[];
  /** `config.cost.region`: the region of a Terraform resource whose provider names none. */
  region?: string;
  /** Every rule id, for `tollgate.dev/ignore: "*"` (passed in: this stage does not depend on the checks). */
  ruleIds?: readonly string[];
  /** `config.limits.maxFileBytes`: text longer than this is not parsed. */
  maxFileBytes?: number;
  /** Files earlier workflow steps produced (saved plans, synthesised templates, previews), given as inputs. */
  pipeline?: readonly PipelineFile[];
}

export interface IacStageResult extends IacResult {
  /** What the reader should know about what was not analysed (a remote module, an unknown count). */
  notices: Notice[];
  /** Addresses that changed while the object stayed (Terraform `moved` blocks), for the diff to pair. */
  moves: AddressMove[];
  /** Where each Terraform root's (or stack's) resources came from: its source, or a file an earlier step made. */
  sources: ResourceSource[];
}

function documentsOf(path: string, text: string, side: Side): ParsedDocuments | undefined {
  const format = fileFormat(path);
  if (format === 'yaml') return isHelmTemplate(path, text) ? undefined : parseYamlDocuments(text, path, side);
  if (format === 'json') return parseJsonDocument(text, path, side);
  return undefined;
}

/**
 * A saved Terraform plan describes both sides of the change by itself (`before` and `after`), so
 * only the head version of a plan file is read; an older plan on the base side says nothing
 * about this change.
 */
function parseSide(path: string, text: string | undefined, side: Side, into: FileResult, ruleIds: readonly string[], file?: ChangedFile): void {
  if (text === undefined) return;
  const format = fileFormat(path);
  // CloudFormation needs its own YAML reading (intrinsic function tags), so a cheap look at the text
  // decides the route before anything is parsed; the generic route is taken only if it was not a template.
  if ((format === 'yaml' || format === 'json' || format === 'template') && looksLikeCloudFormation(text)) {
    const template = parseCloudFormation(text, path, side);
    if (template.isTemplate) {
      into[side].push(...template.resources);
      into.issues.push(...template.issues);
      suppressionsOf(into, side).push(...cloudFormationSuppressions(template.resources));
      return;
    }
  }
  const parsed = documentsOf(path, text, side);
  if (!parsed) return;
  into.issues.push(...parsed.issues);
  const [first] = parsed.documents;
  if (parsed.documents.length === 1 && first && isTerraformPlan(first.value)) {
    if (side === 'base') return;
    const plan = readTerraformPlan(first.value, path, text);
    into.base.push(...plan.base);
    into.head.push(...plan.head);
    into.issues.push(...plan.issues);
    return;
  }
  const read = kubernetesResources(parsed.documents, path);
  const resources = file?.renderedFrom ? locateRendered(read, text, file.renderedFrom, file.sources?.[side]) : read;
  into[side].push(...resources);
  suppressionsOf(into, side).push(...kubernetesSuppressions(resources, ruleIds));
}

/**
 * CloudFormation addresses name their template file; when git reports the file renamed, the base
 * side takes the new name so the diff pairs each resource with itself instead of reporting the
 * whole stack removed and added. The resource keeps its real base file for line links.
 */
function followRename(resource: Resource, previousPath: string, path: string): Resource {
  const prefix = `${previousPath}#`;
  if (resource.kind !== 'cloudformation' || !resource.address.startsWith(prefix)) return resource;
  return { ...resource, address: `${path}#${resource.address.slice(prefix.length)}` };
}

/**
 * What a resource's address is unique within (see Resource.scope): the chart or kustomization that
 * rendered it, its template (under the current name on both sides, so a rename keeps pairing), or
 * the directory of the saved plan. Raw Kubernetes manifests stay unscoped.
 */
function scopeOf(resource: Resource, file: ChangedFile): string | undefined {
  if (file.renderedFrom) return file.renderedFrom.directory;
  if (resource.kind === 'cloudformation') return file.path;
  if (resource.kind === 'terraform') return directoryOf(file.path);
  return undefined;
}

function withScope(resource: Resource, file: ChangedFile): Resource {
  const scope = scopeOf(resource, file);
  return scope === undefined ? resource : { ...resource, scope };
}

/** Deep nesting overflows the stack; anything else is our defect, named by kind but never by message (it may quote input). */
function defectReason(error: unknown, defect: string): string {
  return error instanceof RangeError ? 'nesting is too deep to analyse' : `${defect} (${error instanceof Error ? error.name : 'unknown'})`;
}

function parseFile(file: ChangedFile, ruleIds: readonly string[]): FileResult {
  const result: FileResult = { base: [], head: [], issues: [], suppressions: [], baseSuppressions: [] };
  try {
    parseSide(file.previousPath ?? file.path, file.before, 'base', result, ruleIds, file);
    parseSide(file.path, file.after, 'head', result, ruleIds, file);
    if (file.previousPath !== undefined) result.base = result.base.map((resource) => followRename(resource, file.previousPath ?? '', file.path));
    result.base = result.base.map((resource) => withScope(resource, file));
    result.head = result.head.map((resource) => withScope(resource, file));
  } catch (error) {
    // A parser defect on one hostile file must cost that file only, never the run.
    return { base: [], head: [], issues: [{ file: file.path, side: 'head', message: defectReason(error, 'internal parser error') }], suppressions: [], baseSuppressions: [] };
  }
  return result;
}

/** Plan resources replace HCL resources of the same address, keeping the HCL lines (see preferPlan). */
function mergePlanResources(hcl: readonly Resource[], others: readonly Resource[]): Resource[] {
  const plan: Resource[] = [];
  const rest: Resource[] = [];
  for (const resource of others) (resource.kind === 'terraform' && resource.meta.source === 'plan' ? plan : rest).push(resource);
  return [...rest, ...preferPlan(hcl, plan)];
}

function evaluateTerraform(files: readonly ChangedFile[], options: ParseIacOptions, plans: readonly PipelinePlan[]): ReturnType<typeof evaluateTerraformChange> {
  try {
    return evaluateTerraformChange(files, {
      ...(options.context ? { context: options.context } : {}),
      ...(options.varFiles ? { varFiles: options.varFiles } : {}),
      ...(options.region !== undefined ? { region: options.region } : {}),
      plans: plans.map((plan) => plan.outline),
    });
  } catch (error) {
    // An evaluator defect must cost the Terraform part only, never the run.
    const first = files.find((file) => isTerraformSource(file.path));
    const issues: ParseIssue[] = first ? [{ file: first.path, side: 'head', message: defectReason(error, 'internal Terraform evaluation error') }] : [];
    return { base: [], head: [], issues, notices: [], moves: [], roots: [], planRoots: new Map(), moduleCalls: [] };
  }
}

/**
 * A Terraform root whose files all moved to another directory (git reports them renamed) is the
 * same root: its base resources take the new directory as their scope so they pair with the head's.
 * A directory that still has a root at the head keeps its own resources.
 */
function followRootRenames(files: readonly ChangedFile[], base: readonly Resource[], head: readonly Resource[]): Resource[] {
  const targets = new Map<string, Set<string>>();
  for (const file of files) {
    if (file.previousPath === undefined || !isTerraformSource(file.previousPath)) continue;
    const from = directoryOf(file.previousPath);
    const to = directoryOf(file.path);
    if (from !== to) targets.set(from, (targets.get(from) ?? new Set()).add(to));
  }
  const headScopes = new Set(head.filter((resource) => resource.kind === 'terraform').map((resource) => resource.scope));
  const renamed = new Map([...targets].filter(([from, to]) => to.size === 1 && !headScopes.has(from)).map(([from, to]) => [from, [...to][0] as string]));
  if (renamed.size === 0) return [...base];
  return base.map((resource) => {
    const to = resource.kind === 'terraform' && resource.scope !== undefined ? renamed.get(resource.scope) : undefined;
    return to === undefined ? resource : { ...resource, scope: to };
  });
}

/**
 * A file whose collector could not read every side it has (unreadable, binary, a symbolic link,
 * over the size limit: `note` says which) is reported and not parsed at all: reading the one side
 * that was read would turn "unknown" into "added" or "removed". Files of no parsed format are left
 * to the hygiene rules.
 */
function withoutUnreadFiles(files: readonly ChangedFile[]): { files: ChangedFile[]; issues: ParseIssue[] } {
  const issues: ParseIssue[] = [];
  const kept = files.map((file) => {
    const parsed = fileFormat(file.path) !== undefined || (file.previousPath !== undefined && fileFormat(file.previousPath) !== undefined);
    if (file.note === undefined || !parsed) return file;
    // Reported on the head side whichever side failed: it is the change under review that cannot be judged.
    issues.push({ file: file.path, side: 'head', message: file.note });
    const { before: _before, after: _after, ...rest } = file;
    return rest;
  });
  return { files: kept, issues };
}

/**
 * The texts comment suppressions are read from on one side, each once: a file's own text, or the
 * sources of rendered output, which several outputs share (a base under three overlays).
 */
class CommentTexts {
  private readonly seen = { base: new Set<string>(), head: new Set<string>() };
  readonly files = { base: [] as ChangedFile[], head: [] as ChangedFile[] };

  /** The texts of `file` on `side` not read before, kept (in the shape the Checkov finder reads) for after the loop. */
  take(file: ChangedFile, side: Side): Array<{ path: string; text: string }> {
    const fresh = commentTexts(file, side).filter(({ path }) => !this.seen[side].has(path));
    for (const { path, text } of fresh) {
      this.seen[side].add(path);
      this.files[side].push({ path, status: file.status, after: text });
    }
    return fresh;
  }
}

/** The stacks that synthesised templates and Pulumi previews describe: both sides each, beside the files of the change. */
function addStacks(result: IacStageResult, pipeline: readonly PipelineFile[]): void {
  const cdk = readCdkSynth(pipeline);
  const pulumi = readPipelinePreviews(pipeline);
  result.base.push(...cdk.base, ...pulumi.base);
  result.head.push(...cdk.head, ...pulumi.head);
  result.suppressions.push(...cdk.suppressions);
  result.baseSuppressions.push(...cdk.baseSuppressions);
  result.sources.push(...cdk.sources, ...pulumi.sources);
  result.notices.push(...cdk.notices);
  result.parseIssues.push(...cdk.issues, ...pulumi.issues);
}

/**
 * The iac stage: every changed file's base and head text into resources. Each side of each file is
 * parsed exactly once; a file that fails to parse yields a ParseIssue and no resources, and the
 * other files carry on. Terraform files are read by root (a directory and the local modules it
 * calls), because a resource's values depend on the variables and locals of the whole root.
 */
export function parseIac(changedFiles: readonly ChangedFile[], options: ParseIacOptions = {}): IacStageResult {
  const readable = withoutUnreadFiles(changedFiles);
  const { files, issues: sizeIssues } = withoutOversizedText(readable.files, options.maxFileBytes ?? MAX_PARSE_CHARS);
  const result: IacStageResult = { base: [], head: [], parseIssues: [...readable.issues, ...sizeIssues], suppressions: [], baseSuppressions: [], notices: [], moves: [], sources: [] };
  const comments = new CommentTexts();
  for (const file of files) {
    for (const { path, text } of comments.take(file, 'head')) result.suppressions.push(...findSuppressions(text, path));
    for (const { path, text } of comments.take(file, 'base')) result.baseSuppressions.push(...findSuppressions(text, path));
    if (isTerraformSource(file.path) || (file.previousPath !== undefined && isTerraformSource(file.previousPath))) continue;
    const parsed = parseFile(file, options.ruleIds ?? []);
    result.base.push(...parsed.base);
    result.head.push(...parsed.head);
    result.parseIssues.push(...parsed.issues);
    result.suppressions.push(...parsed.suppressions);
    result.baseSuppressions.push(...parsed.baseSuppressions);
  }
  const pipeline = readPipelinePlans(options.pipeline ?? []);
  const terraform = evaluateTerraform(files, options, pipeline.plans);
  const placed = placePipelinePlans(pipeline.plans, terraform);
  result.base = mergePlanResources(placed.base, result.base);
  result.head = mergePlanResources(placed.head, result.head);
  result.sources.push(...placed.sources);
  result.notices.push(...placed.notices);
  result.parseIssues.push(...pipeline.issues, ...pipeline.plans.flatMap((plan) => plan.read.issues));
  addStacks(result, options.pipeline ?? []);
  result.base = followRootRenames(files, result.base, result.head);
  result.parseIssues.push(...terraform.issues);
  result.notices.push(...terraform.notices);
  result.moves.push(...terraform.moves);
  result.suppressions.push(...checkovSuppressions(comments.files.head, result.head));
  result.baseSuppressions.push(...checkovSuppressions(comments.files.base, result.base));
  return result;
}
