import type { ParseIssue, Resource, Side } from '../model.js';
import { NO_VALUE, namedCondition, resolveValue, type ResolveContext } from './intrinsics.js';
import { hasSamTransform, withSamGlobals } from './sam.js';
import { readTemplateSource, type TemplateDocument } from './source.js';
import { isRecord, isUnknown, unknownValue } from '../values.js';

export interface CloudFormationOptions {
  /** The region the stack deploys to; without it `AWS::Region` stays unknown. */
  region?: string;
  /** Parameter values overriding the template's defaults (as `--parameter-overrides` would). */
  parameters?: Record<string, string>;
}

export interface CloudFormationResult {
  /** Resources the stack would create, in template order. */
  resources: Resource[];
  /** Resources whose `Condition` is decidably false: not deployed, kept so a report can say why. */
  excluded: Resource[];
  issues: ParseIssue[];
  /** Whether the file is a CloudFormation (or SAM) template at all; callers ignore the rest if not. */
  isTemplate: boolean;
}

const RESOURCE_TYPE_PREFIX = /^(AWS|Alexa|Custom)::/;

/** Resource attributes copied without evaluation: names, not values. */
const LITERAL_ATTRIBUTES = ['Condition', 'DependsOn'] as const;
const EVALUATED_ATTRIBUTES = ['UpdatePolicy', 'UpdateReplacePolicy', 'DeletionPolicy', 'CreationPolicy', 'Metadata'] as const;


/**
 * A CloudFormation or SAM template: it declares a format version, uses the SAM transform, or has a
 * `Resources` mapping with at least one AWS, Alexa or custom resource type.
 */
export function isCloudFormationTemplate(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (value.AWSTemplateFormatVersion !== undefined) return true;
  if (hasSamTransform(value.Transform)) return true;
  const resources = value.Resources;
  if (!isRecord(resources)) return false;
  return Object.values(resources).some((resource) => isRecord(resource) && typeof resource.Type === 'string' && RESOURCE_TYPE_PREFIX.test(resource.Type));
}

/**
 * A cheap look at the raw text, for deciding whether a YAML/JSON file is worth reading as a
 * template before parsing it, and for classifying a file too broken to parse.
 */
export function looksLikeCloudFormation(text: string): boolean {
  return /AWSTemplateFormatVersion|AWS::Serverless-2016-10-31|["']?Type["']?\s*:\s*["']?(AWS|Alexa|Custom)::/.test(text);
}

function parameterValue(name: string, declaration: unknown, overrides: Record<string, string> | undefined): unknown {
  const declared = isRecord(declaration) ? declaration : {};
  const type = typeof declared.Type === 'string' ? declared.Type : 'String';
  // A NoEcho parameter is a secret by the template author's own account: never copy it into a report.
  if (declared.NoEcho === true || declared.NoEcho === 'true') return unknownValue(`Ref ${name} (NoEcho)`);
  const raw = overrides && Object.hasOwn(overrides, name) ? overrides[name] : declared.Default;
  if (raw === undefined || raw === null) return unknownValue(`Ref ${name} (no default)`);
  if (type.startsWith('AWS::SSM::Parameter::Value<')) return unknownValue(`Ref ${name} (SSM parameter ${String(raw)})`);
  if (type === 'CommaDelimitedList' || type.startsWith('List<')) {
    return Array.isArray(raw) ? raw : String(raw).split(',').map((item) => item.trim());
  }
  return isRecord(raw) || Array.isArray(raw) ? unknownValue(`Ref ${name} (default is not a single value)`) : raw;
}

function createContext(template: Record<string, unknown>, options: CloudFormationOptions): ResolveContext {
  const parameters = new Map<string, unknown>();
  if (isRecord(template.Parameters)) {
    for (const [name, declaration] of Object.entries(template.Parameters)) parameters.set(name, parameterValue(name, declaration, options.parameters));
  }
  return {
    parameters,
    mappings: isRecord(template.Mappings) ? template.Mappings : {},
    conditions: isRecord(template.Conditions) ? template.Conditions : {},
    ...(options.region ? { region: options.region } : {}),
    conditionCache: new Map(),
    evaluating: new Set(),
  };
}

const linesByResource = new WeakMap<TemplateDocument, Map<string, Record<string, number>>>();

/**
 * The lines under `Resources.<LogicalId>`, relative to it. The document's lines are split by
 * resource once: scanning them all for each resource is quadratic in a large template.
 */
function linesUnder(document: TemplateDocument, prefix: string): Record<string, number> {
  let byResource = linesByResource.get(document);
  if (byResource === undefined) {
    byResource = new Map();
    for (const [path, line] of Object.entries(document.lines)) {
      const match = /^(Resources\.[^.]+)\.(.+)$/.exec(path);
      if (!match?.[1] || !match[2]) continue;
      const lines = byResource.get(match[1]) ?? {};
      lines[match[2]] = line;
      byResource.set(match[1], lines);
    }
    linesByResource.set(document, byResource);
  }
  return byResource.get(prefix) ?? {};
}

function resolvedAttributes(type: string, raw: Record<string, unknown>, template: Record<string, unknown>, context: ResolveContext): Record<string, unknown> {
  const properties = resolveValue(withSamGlobals(type, raw.Properties, template.Globals), context);
  const attributes: Record<string, unknown> = { Type: type, Properties: isRecord(properties) ? properties : {} };
  for (const name of LITERAL_ATTRIBUTES) if (raw[name] !== undefined) attributes[name] = raw[name];
  for (const name of EVALUATED_ATTRIBUTES) {
    if (raw[name] === undefined) continue;
    const value = resolveValue(raw[name], context);
    if (value !== NO_VALUE) attributes[name] = value;
  }
  return attributes;
}

interface ResourceOutcome {
  resource?: Resource;
  excluded?: boolean;
  issue?: string;
}

function buildResource(
  logicalId: string,
  raw: unknown,
  document: TemplateDocument,
  template: Record<string, unknown>,
  context: ResolveContext,
  file: string,
  region: string | undefined,
): ResourceOutcome {
  if (logicalId.startsWith('Fn::ForEach::')) {
    return { issue: `${logicalId} (AWS::LanguageExtensions) is not expanded; the resources it generates are not analysed` };
  }
  if (!isRecord(raw)) return { issue: `resource ${logicalId} is not a mapping; give it a Type and Properties` };
  if (isRecord(raw.Type) && typeof raw.Type['Rain::Module'] === 'string') {
    return { issue: `resource ${logicalId} is a rain module (${raw.Type['Rain::Module']}), which \`rain pkg\` expands into resources; gate the packaged template to analyse them` };
  }
  if (raw.Type !== undefined && typeof raw.Type !== 'string') {
    return { issue: `resource ${logicalId} has Type ${JSON.stringify(raw.Type).slice(0, 80)}, not a resource type name; write one such as \`Type: AWS::S3::Bucket\`` };
  }
  if (typeof raw.Type !== 'string' || raw.Type === '') {
    return { issue: `resource ${logicalId} has no Type; add one such as \`Type: AWS::S3::Bucket\`` };
  }
  const path = `Resources.${logicalId}`;
  const line = document.lines[path] ?? 1;
  const meta: Record<string, unknown> = { logicalId };
  let excluded = false;
  let issue: string | undefined;
  if (typeof raw.Condition === 'string') {
    meta.condition = raw.Condition;
    const decided = namedCondition(raw.Condition, context);
    if (decided === false) {
      excluded = true;
      meta.excludedByCondition = true;
    } else if (isUnknown(decided)) {
      meta.conditionUnknown = true;
    }
    if (!Object.hasOwn(context.conditions, raw.Condition)) {
      issue = `resource ${logicalId} uses Condition ${raw.Condition}, which is not declared under Conditions; declare it or fix the name`;
    }
  }
  const resource: Resource = {
    kind: 'cloudformation',
    type: raw.Type,
    address: `${file}#${logicalId}`,
    attributes: resolvedAttributes(raw.Type, raw, template, context),
    file,
    line,
    endLine: document.endLines[path] ?? line,
    attributeLines: linesUnder(document, path),
    ...(region ? { region } : {}),
    meta,
  };
  return { resource, excluded, ...(issue ? { issue } : {}) };
}

function templateResources(document: TemplateDocument, file: string, side: Side, options: CloudFormationOptions): CloudFormationResult {
  const result: CloudFormationResult = { resources: [], excluded: [], issues: [...document.issues], isTemplate: true };
  const template = document.value as Record<string, unknown>;
  const resources = template.Resources;
  if (resources === undefined) {
    result.issues.push({ file, side, message: 'template has no Resources section; CloudFormation requires at least one resource', line: 1 });
    return result;
  }
  if (!isRecord(resources)) {
    result.issues.push({ file, side, message: 'Resources must be a mapping of logical ids to resources', line: document.lines.Resources ?? 1 });
    return result;
  }
  const context = createContext(template, options);
  for (const [logicalId, raw] of Object.entries(resources)) {
    const outcome = buildResource(logicalId, raw, document, template, context, file, options.region);
    if (outcome.issue) result.issues.push({ file, side, message: outcome.issue, line: document.lines[`Resources.${logicalId}`] ?? document.lines.Resources ?? 1 });
    if (outcome.resource) (outcome.excluded ? result.excluded : result.resources).push(outcome.resource);
  }
  return result;
}

/**
 * Reads a CloudFormation or SAM template (YAML with short-form tags, or JSON) into resources with
 * their source lines and their properties evaluated as far as the template decides them.
 *
 * - Parameters take their defaults, overridden by `options.parameters`; NoEcho and SSM-backed
 *   parameters, and those without a default, stay unknown.
 * - Conditions are evaluated where every input is known; a resource whose Condition is false goes
 *   to `excluded` (meta.excludedByCondition), one whose Condition is undecidable stays in
 *   `resources` with meta.conditionUnknown.
 * - SAM: `AWS::Serverless::*` resources keep their type (the transform is not expanded); the
 *   template's `Globals` for their type are merged into their Properties with SAM's rules. Merged-in
 *   properties have no attributeLines entry, since they are written under Globals.
 *
 * Never throws: anything unreadable becomes a ParseIssue.
 */
export function parseCloudFormation(text: string, file: string, side: Side, options: CloudFormationOptions = {}): CloudFormationResult {
  try {
    const source = readTemplateSource(text, file, side);
    const templates = source.documents.filter((document) => isCloudFormationTemplate(document.value));
    const first = templates[0];
    if (!first) {
      const unreadable = source.documents.length === 0 && source.issues.length > 0;
      return { resources: [], excluded: [], issues: source.issues, isTemplate: unreadable && looksLikeCloudFormation(text) };
    }
    const result = templateResources(first, file, side, options);
    result.issues.unshift(...source.issues);
    if (templates.length > 1) {
      result.issues.push({ file, side, message: `file holds ${templates.length} templates in separate YAML documents; CloudFormation reads one, so only the first is analysed`, line: templates[1]?.lines.Resources ?? 1 });
    }
    return result;
  } catch (error) {
    // A defect of ours must not cost the user the rest of the report: say which file, carry on.
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { resources: [], excluded: [], issues: [{ file, side, message: `could not be analysed as a CloudFormation template: ${reason}` }], isTemplate: looksLikeCloudFormation(text) };
  }
}
