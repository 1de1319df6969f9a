import type { ChangedFile } from '../changes/model.js';
import { cloudFormationSuppressions, looksLikeCloudFormation, parseCloudFormation } from './cloudformation/index.js';
import { fileFormat, isHelmTemplate } from './file-kinds.js';
import { parseJsonDocument } from './json-documents.js';
import { kubernetesResources } from './kubernetes.js';
import type { IacResult, InlineSuppression, ParseIssue, Resource, Side } from './model.js';
import { findSuppressions } from './suppressions.js';
import { isTerraformPlan, readTerraformPlan } from './terraform/plan.js';
import { parseYamlDocuments, type ParsedDocuments } from './yaml-documents.js';

interface FileResult {
  base: Resource[];
  head: Resource[];
  issues: ParseIssue[];
  suppressions: InlineSuppression[];
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
function parseSide(path: string, text: string | undefined, side: Side, into: FileResult): void {
  if (text === undefined) return;
  const format = fileFormat(path);
  // CloudFormation needs its own YAML reading (intrinsic function tags), so a cheap look at the text
  // decides the route before anything is parsed; the generic route is taken only if it was not a template.
  if ((format === 'yaml' || format === 'json' || format === 'template') && looksLikeCloudFormation(text)) {
    const template = parseCloudFormation(text, path, side);
    if (template.isTemplate) {
      into[side].push(...template.resources);
      into.issues.push(...template.issues);
      if (side === 'head') into.suppressions.push(...cloudFormationSuppressions(template.resources));
      return;
    }
  }
  const parsed = documentsOf(path, text, side);
  if (!parsed) return;
  into.issues.push(...parsed.issues);
  const [first] = parsed.documents;
  if (parsed.documents.length === 1 && first && isTerraformPlan(first.value)) {
    if (side === 'base') return;
    const plan = readTerraformPlan(first.value, path);
    into.base.push(...plan.base);
    into.head.push(...plan.head);
    into.issues.push(...plan.issues);
    return;
  }
  into[side].push(...kubernetesResources(parsed.documents, path));
}

function parseFile(file: ChangedFile): FileResult {
  const result: FileResult = { base: [], head: [], issues: [], suppressions: [] };
  try {
    parseSide(file.previousPath ?? file.path, file.before, 'base', result);
    parseSide(file.path, file.after, 'head', result);
  } catch (error) {
    // A parser defect on one hostile file must cost that file only, never the run.
    const reason = error instanceof RangeError ? 'nesting is too deep to analyse' : `internal parser error (${error instanceof Error ? error.name : 'unknown'})`;
    return { base: [], head: [], issues: [{ file: file.path, side: 'head', message: reason }], suppressions: [] };
  }
  return result;
}

/**
 * The iac stage: every changed file's base and head text into resources. Each side of each file is
 * parsed exactly once; a file that fails to parse yields a ParseIssue and no resources, and the
 * other files carry on.
 */
export function parseIac(files: readonly ChangedFile[]): IacResult {
  const result: IacResult = { base: [], head: [], parseIssues: [], suppressions: [] };
  for (const file of files) {
    const parsed = parseFile(file);
    result.base.push(...parsed.base);
    result.head.push(...parsed.head);
    result.parseIssues.push(...parsed.issues);
    result.suppressions.push(...parsed.suppressions);
    if (file.after !== undefined) result.suppressions.push(...findSuppressions(file.after, file.path));
  }
  return result;
}
