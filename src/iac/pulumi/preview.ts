import { kubernetesResources } from '../kubernetes.js';
import type { ParseIssue, PipelineFile, Resource, ResourceSource, Side } from '../model.js';
import { isRecord } from '../values.js';
import { SECRET_TEXT, UNKNOWN_VALUE, pulumiAttributes, terraformAttributes, terraformTypeOf } from './attributes.js';
import { stepLines, type StepSpan } from './step-lines.js';

/**
 * `pulumi preview --json` output (pkg/display `PreviewDigest`); only the fields tollgate reads are
 * typed. Each state is an apitype.ResourceV3.
 */
interface PreviewState {
  type?: string;
  custom?: boolean;
  id?: unknown;
  provider?: string;
  inputs?: unknown;
  outputs?: unknown;
}

interface PreviewStep {
  op: string;
  urn: string;
  provider?: string;
  oldState?: PreviewState;
  newState?: PreviewState;
}

interface Urn {
  urn: string;
  stack: string;
  project: string;
  /** The resource's type after its parents' (`awsx:ec2:Vpc$aws:ec2/subnet:Subnet`). */
  qualifiedType: string;
  type: string;
  name: string;
}

/** A step that passed validation, with its parsed URN and its index in the preview's `steps`. */
interface ReadStep {
  step: PreviewStep;
  urn: Urn;
  index: number;
}

export interface PreviewResult {
  base: Resource[];
  head: Resource[];
  issues: ParseIssue[];
}

type StateKey = 'oldState' | 'newState';

/**
 * Which state of a step is the resource before the change and which after, by the step's op
 * (deploy.StepOp). An import adopts what already exists, so its one state is both sides.
 */
const SIDES: ReadonlyMap<string, { base?: StateKey; head?: StateKey }> = new Map([
  ['same', { base: 'oldState', head: 'newState' }],
  ['update', { base: 'oldState', head: 'newState' }],
  ['create', { head: 'newState' }],
  ['delete', { base: 'oldState' }],
  ['replace', { base: 'oldState', head: 'newState' }],
  ['create-replacement', { base: 'oldState', head: 'newState' }],
  ['delete-replaced', { base: 'oldState' }],
  ['import', { base: 'newState', head: 'newState' }],
  ['import-replacement', { base: 'oldState', head: 'newState' }],
]);

/** An op this reader does not know (a newer Pulumi's) is read from whatever states it has, never dropped. */
const UNKNOWN_OP_SIDES: { base: StateKey; head: StateKey } = { base: 'oldState', head: 'newState' };

/** The steps of one replacement: with `--show-replacement-steps` Pulumi lists all three for the one resource. */
const REPLACEMENT_OPS = new Set(['replace', 'create-replacement', 'delete-replaced', 'import-replacement']);

/** Steps that change nothing: refreshing state, or resources the program only reads. */
const SKIPPED_OPS = new Set(['read', 'read-replacement', 'refresh', 'discard', 'discard-replaced', 'remove-pending-replace']);

/** Not infrastructure: the stack itself, and the provider configurations. */
function isBookkeeping(type: string): boolean {
  return type === 'pulumi:pulumi:Stack' || type.startsWith('pulumi:providers:');
}

/** Recognised by shape: the change summary, or steps whose URNs are Pulumi's. */
export function isPulumiPreview(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  if (value.steps !== undefined && !Array.isArray(value.steps)) return false;
  const summary = isRecord(value.changeSummary) && Object.values(value.changeSummary).every((count) => typeof count === 'number');
  const pulumiSteps = Array.isArray(value.steps) && value.steps.some((step) => isRecord(step) && typeof step.urn === 'string' && step.urn.startsWith('urn:pulumi:'));
  return summary || pulumiSteps;
}

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>`; the name may itself contain `::`. */
function parseUrn(urn: string): Urn | undefined {
  if (!urn.startsWith('urn:pulumi:')) return undefined;
  const [stack, project, qualifiedType, ...name] = urn.slice('urn:pulumi:'.length).split('::');
  if (!stack || !project || !qualifiedType || name.length === 0) return undefined;
  return { urn, stack, project, qualifiedType, type: qualifiedType.split('$').pop() ?? qualifiedType, name: name.join('::') };
}

function isState(value: unknown): boolean {
  return value === undefined || value === null || isRecord(value);
}

/** Previews are machine-written, but a hand-edited or truncated one must not take the gate down. */
function readStep(value: unknown, index: number): ReadStep | undefined {
  if (!isRecord(value) || typeof value.op !== 'string' || typeof value.urn !== 'string' || !isState(value.oldState) || !isState(value.newState)) return undefined;
  const urn = parseUrn(value.urn);
  return urn ? { step: value as unknown as PreviewStep, urn, index } : undefined;
}

function stateOf(step: PreviewStep, key: StateKey | undefined): PreviewState | undefined {
  const state = key === undefined ? undefined : step[key];
  return isRecord(state) ? state : undefined;
}

function knownString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value !== UNKNOWN_VALUE && value !== SECRET_TEXT ? value : undefined;
}

/** A provider reference is the provider's URN and its id, joined by `::`. */
function providerUrnOf(reference: string): string {
  const cut = reference.lastIndexOf('::');
  return cut < 0 ? reference : reference.slice(0, cut);
}

/** The region each provider resource in the preview is configured with, by the provider's URN. */
function providerRegions(steps: readonly PreviewStep[]): Map<string, string> {
  const regions = new Map<string, string>();
  for (const step of steps) {
    const state = stateOf(step, 'newState') ?? stateOf(step, 'oldState');
    if (!state || typeof state.type !== 'string' || !state.type.startsWith('pulumi:providers:')) continue;
    const region = isRecord(state.inputs) ? knownString(state.inputs.region) : undefined;
    if (region) regions.set(step.urn, region);
  }
  return regions;
}

/**
 * The region of a resource's provider: the provider's own `region` input when the preview holds its
 * step; for a default provider, the stack's `<package>:region` setting, which is what it reads.
 */
function regionOf(state: PreviewState, step: PreviewStep, pulumiType: string, regions: ReadonlyMap<string, string>, config: Record<string, unknown>): string | undefined {
  const reference = typeof state.provider === 'string' ? state.provider : step.provider;
  const providerUrn = typeof reference === 'string' && reference !== '' ? providerUrnOf(reference) : undefined;
  const configured = providerUrn === undefined ? undefined : regions.get(providerUrn);
  if (configured) return configured;
  const isDefault = providerUrn === undefined || (parseUrn(providerUrn)?.name.startsWith('default') ?? false);
  return isDefault ? knownString(config[`${pulumiType.split(':')[0]}:region`]) : undefined;
}

/** `kubernetes:apps/v1:Deployment` → `apps/v1`; the core group is written without its name. */
function kubernetesApiVersion(pulumiType: string): string {
  const module = pulumiType.split(':')[1] ?? '';
  return module.startsWith('core/') ? module.slice('core/'.length) : module;
}

function isKubernetesType(pulumiType: string): boolean {
  return pulumiType.startsWith('kubernetes:') && (pulumiType.split(':')[1] ?? '').includes('/');
}

interface Change {
  urn: Urn;
  steps: PreviewStep[];
  /** Index of the change's first step in `steps`, for its line. */
  index: number;
}

/** Steps grouped by URN, so the up to three steps of one replacement become one change. */
function changesOf(steps: readonly ReadStep[]): Change[] {
  const byUrn = new Map<string, Change>();
  for (const { step, urn, index } of steps) {
    if (SKIPPED_OPS.has(step.op)) continue;
    const change = byUrn.get(step.urn);
    if (change) change.steps.push(step);
    else byUrn.set(step.urn, { urn, steps: [step], index });
  }
  return [...byUrn.values()];
}

/** The state a change leaves on one side: the first step that has one for that side. */
function sideState(change: Change, side: Side): { step: PreviewStep; state: PreviewState } | undefined {
  for (const step of change.steps) {
    const state = stateOf(step, (SIDES.get(step.op) ?? UNKNOWN_OP_SIDES)[side]);
    if (state) return { step, state };
  }
  return undefined;
}

/** Whether a known op of the change promises a state on this side (an unknown op promises nothing). */
function expectsSide(change: Change, side: Side): boolean {
  return change.steps.some((step) => SIDES.get(step.op)?.[side] !== undefined);
}

interface ReadContext {
  file: string;
  spans: readonly StepSpan[];
  regions: ReadonlyMap<string, string>;
  config: Record<string, unknown>;
}

function pulumiMeta(change: Change, pulumiType: string): Record<string, unknown> {
  const actions = [...new Set(change.steps.map((step) => step.op))];
  return { source: 'pulumi', actions, replace: actions.some((op) => REPLACEMENT_OPS.has(op)), urn: change.urn.urn, pulumiType };
}

/** A Kubernetes object built exactly as a manifest file's would be, so the deployment rules judge it the same way. */
function kubernetesResource(change: Change, state: PreviewState, pulumiType: string, context: ReadContext, span: StepSpan): Resource[] {
  const manifest = { apiVersion: kubernetesApiVersion(pulumiType), kind: pulumiType.split(':')[2] ?? '', ...pulumiAttributes(state.inputs) };
  const document = { value: manifest, line: span.line, endLine: span.endLine, lines: {} };
  return kubernetesResources([document], context.file).map((resource) => ({
    ...resource,
    scope: `${change.urn.project}/${change.urn.stack}`,
    endLine: span.endLine,
    meta: { ...resource.meta, ...pulumiMeta(change, pulumiType) },
  }));
}

/** A bridged resource as the Terraform resource it wraps; a type with no mapping keeps its Pulumi type and is said to be unmapped. */
function terraformResource(change: Change, step: PreviewStep, state: PreviewState, pulumiType: string, context: ReadContext, span: StepSpan): Resource {
  const terraformType = terraformTypeOf(pulumiType);
  const read = (properties: unknown): Record<string, unknown> => (terraformType ? terraformAttributes(properties, terraformType) : pulumiAttributes(properties));
  const id = state.id === undefined || state.id === '' ? {} : read({ id: state.id });
  const region = regionOf(state, step, pulumiType, context.regions, context.config);
  return {
    kind: 'terraform',
    type: terraformType ?? pulumiType,
    address: `${change.urn.qualifiedType}::${change.urn.name}`,
    scope: `${change.urn.project}/${change.urn.stack}`,
    attributes: { ...read(state.outputs), ...id, ...read(state.inputs) },
    file: context.file,
    line: span.line,
    endLine: span.endLine,
    ...(region ? { region } : {}),
    meta: { ...pulumiMeta(change, pulumiType), mapped: terraformType !== undefined },
  };
}

function resourcesOn(change: Change, side: Side, context: ReadContext): Resource[] {
  const found = sideState(change, side);
  if (!found) return [];
  const pulumiType = typeof found.state.type === 'string' && found.state.type !== '' ? found.state.type : change.urn.type;
  if (isBookkeeping(pulumiType) || found.state.custom === false) return [];
  const span = context.spans[change.index] ?? { line: 1, endLine: 1 };
  if (isKubernetesType(pulumiType)) return kubernetesResource(change, found.state, pulumiType, context, span);
  return [terraformResource(change, found.step, found.state, pulumiType, context, span)];
}

function errorCount(diagnostics: unknown): number {
  return Array.isArray(diagnostics) ? diagnostics.filter((entry) => isRecord(entry) && entry.severity === 'error').length : 0;
}

/**
 * The resources a `pulumi preview --json` describes: each step's old state is the base side, its
 * new state the head side. Bridged resources become the Terraform resources they wrap, so the
 * pricers and rules judge them as they would a plan; Kubernetes objects become manifests.
 * `text`, the file as written, gives each resource the line of its step.
 */
export function readPulumiPreview(value: unknown, file: string, text?: string): PreviewResult {
  const result: PreviewResult = { base: [], head: [], issues: [] };
  if (!isPulumiPreview(value)) {
    result.issues.push({ file, side: 'head', message: 'not a Pulumi preview: expected the `steps` or `changeSummary` that `pulumi preview --json` writes' });
    return result;
  }
  const spans = text === undefined ? [] : stepLines(text);
  const entries: unknown[] = Array.isArray(value.steps) ? value.steps : [];
  const steps: ReadStep[] = [];
  entries.forEach((entry, index) => {
    const step = readStep(entry, index);
    if (step) steps.push(step);
    else result.issues.push({ file, side: 'head', message: `steps[${index}] is not a preview step (it needs an op, a urn:pulumi: URN and object states); skipped: write the file with \`pulumi preview --json\` and do not edit it`, line: spans[index]?.line ?? 1 });
  });
  const context: ReadContext = { file, spans, regions: providerRegions(steps.map(({ step }) => step)), config: isRecord(value.config) ? value.config : {} };
  for (const change of changesOf(steps)) {
    for (const side of ['base', 'head'] as const) {
      if (expectsSide(change, side) && !sideState(change, side)) {
        const state = side === 'base' ? 'oldState' : 'newState';
        result.issues.push({ file, side: 'head', message: `steps[${change.index}] (${change.steps.map((step) => step.op).join(', ')} of ${change.urn.name}) has no ${state}; only the other side is read`, line: context.spans[change.index]?.line ?? 1 });
      }
      result[side].push(...resourcesOn(change, side, context));
    }
  }
  const errors = errorCount(value.diagnostics);
  if (errors > 0) result.issues.push({ file, side: 'head', message: `the preview reported ${errors} error${errors === 1 ? '' : 's'}; its steps may be incomplete, so run \`pulumi preview\` again once it succeeds`, line: 1 });
  return result;
}

/** The previews among the pipeline files, read; each stack in them is one source for the report. */
export function readPipelinePreviews(files: readonly PipelineFile[]): PreviewResult & { sources: ResourceSource[] } {
  const result: PreviewResult & { sources: ResourceSource[] } = { base: [], head: [], issues: [], sources: [] };
  for (const file of files) {
    if (file.kind !== 'pulumi-preview') continue;
    let value: unknown;
    try {
      value = JSON.parse(file.text);
    } catch {
      result.issues.push({ file: file.path, side: 'head', message: 'the Pulumi preview is not valid JSON; give the output of `pulumi preview --json`, without other log lines' });
      continue;
    }
    const read = readPulumiPreview(value, file.path, file.text);
    result.base.push(...read.base);
    result.head.push(...read.head);
    result.issues.push(...read.issues);
    const stacks = new Set([...read.base, ...read.head].map((resource) => resource.scope).filter((scope): scope is string => scope !== undefined));
    for (const stack of [...stacks].sort()) result.sources.push({ kind: 'pulumi-preview', scope: stack, file: file.path });
  }
  return result;
}
