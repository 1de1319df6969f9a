/**
 * Checkov's skips, honoured where a Checkov check means the same as one of our rules, so a
 * repository already annotated for Checkov needs no second annotation:
 * - a comment `# checkov:skip=<CHECK_ID>:<reason>` (or `bridgecrew:skip=`) inside a Terraform
 *   block or a CloudFormation/Kubernetes resource covers that whole resource; outside any
 *   resource it covers its own line and the next, like `tollgate:ignore`;
 * - the Kubernetes annotations `checkov.io/skip1: <CHECK_ID>=<reason>` (skip2, skip3, …);
 * - CloudFormation `Metadata: { checkov: { skip: [ { id: <CHECK_ID>, comment: <reason> } ] } }`.
 */
import type { ChangedFile } from '../changes/model.js';
import type { InlineSuppression, Resource } from './model.js';
import { isRecord } from './values.js';

/**
 * Checkov check ids → our rules that check the same thing. Only exact equivalents, each id
 * checked against bridgecrewio/checkov. Not listed: CKV_K8S_11 (CPU limits), which
 * k8s-resource-limits does not require, so skipping it must not silence the memory-limit finding.
 */
export const CHECKOV_EQUIVALENTS: Readonly<Record<string, readonly string[]>> = {
  CKV_K8S_8: ['k8s-liveness-probe'],
  CKV_K8S_9: ['k8s-readiness-probe'],
  CKV_K8S_10: ['k8s-resource-requests'], // CPU requests
  CKV_K8S_12: ['k8s-resource-requests'], // memory requests
  CKV_K8S_13: ['k8s-resource-limits'], // memory limits
  CKV_K8S_14: ['k8s-image-tag'], // tag not latest or blank
  CKV_K8S_43: ['k8s-image-tag'], // image digest
  CKV_K8S_15: ['k8s-image-pull-policy'],
  CKV_AWS_157: ['db-high-availability'], // RDS Multi-AZ
  CKV_AWS_133: ['db-backups'], // RDS backup retention
  CKV_AWS_28: ['db-backups'], // DynamoDB point-in-time recovery
  CKV_AWS_293: ['db-deletion-protection'], // aws_db_instance
  CKV_AWS_139: ['db-deletion-protection'], // aws_rds_cluster
};

/** Checkov's own comment syntax; its optional multi-id form separates ids with commas. */
const SKIP_COMMENT = /(?:#|\/\/)[^\r\n]*?\b(?:checkov|bridgecrew):skip=\s*([A-Za-z0-9_]+(?:\s*,\s*[A-Za-z0-9_]+)*)(?::([^\r\n]*))?/;
const SKIP_ANNOTATION = /^checkov\.io\/skip\d+$/;

interface Skip {
  checkIds: string[];
  reason?: string;
}


/** Checkov's docs quote the reason (`:"why"`); the quotes are not part of it. */
function reasonOf(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const reason = text.trim().replace(/^"(.*)"$/s, '$1').trim();
  return reason === '' ? undefined : reason;
}

function skipOf(checkIds: string[], reason: unknown): Skip {
  const text = reasonOf(reason);
  return { checkIds, ...(text ? { reason: text } : {}) };
}

/** The innermost resource of the file whose lines hold `line`. */
function enclosing(resources: readonly Resource[], file: string, line: number): Resource | undefined {
  let found: Resource | undefined;
  for (const resource of resources) {
    if (resource.file !== file || line < resource.line || line > resource.endLine) continue;
    if (!found || resource.endLine - resource.line < found.endLine - found.line) found = resource;
  }
  return found;
}

function commentSkips(file: ChangedFile, head: readonly Resource[]): Array<Skip & { line: number; endLine?: number }> {
  const text = file.after;
  if (text === undefined || !/(checkov|bridgecrew):skip=/.test(text)) return [];
  const found: Array<Skip & { line: number; endLine?: number }> = [];
  text.split('\n').forEach((content, index) => {
    const match = SKIP_COMMENT.exec(content);
    if (!match?.[1]) return;
    const checkIds = match[1].split(',').map((id) => id.trim());
    const resource = enclosing(head, file.path, index + 1);
    const range = resource ? { line: resource.line, endLine: resource.endLine } : { line: index + 1 };
    found.push({ ...skipOf(checkIds, match[2]), ...range });
  });
  return found;
}

/** `checkov.io/skipN: <CHECK_ID>=<reason>` annotations of a Kubernetes object. */
function annotationSkips(resource: Resource): Skip[] {
  const metadata = resource.attributes.metadata;
  const annotations = isRecord(metadata) && isRecord(metadata.annotations) ? metadata.annotations : {};
  return Object.entries(annotations)
    .filter(([key, value]) => SKIP_ANNOTATION.test(key) && typeof value === 'string')
    .map(([, value]) => {
      const [checkId = '', ...reason] = String(value).split('=');
      return skipOf([checkId.trim()], reason.join('='));
    });
}

/** `Metadata.checkov.skip` entries of a CloudFormation resource. */
function metadataSkips(resource: Resource): Skip[] {
  const metadata = resource.attributes.Metadata;
  const checkov = isRecord(metadata) ? metadata.checkov : undefined;
  const skip = isRecord(checkov) ? checkov.skip : undefined;
  if (!Array.isArray(skip)) return [];
  return skip.filter(isRecord).flatMap((entry) => (typeof entry.id === 'string' ? [skipOf([entry.id.trim()], entry.comment)] : []));
}

/** Suppressions of our rules from the Checkov skips in the changed files and on the head resources. */
export function checkovSuppressions(files: readonly ChangedFile[], head: readonly Resource[]): InlineSuppression[] {
  const skips: Array<Skip & { file: string; line: number; endLine?: number }> = files.flatMap((file) => commentSkips(file, head).map((skip) => ({ ...skip, file: file.path })));
  for (const resource of head) {
    const found = resource.kind === 'kubernetes' ? annotationSkips(resource) : resource.kind === 'cloudformation' ? metadataSkips(resource) : [];
    skips.push(...found.map((skip) => ({ ...skip, file: resource.file, line: resource.line, endLine: resource.endLine })));
  }
  const suppressions = new Map<string, InlineSuppression>();
  for (const { checkIds, reason, file, line, endLine } of skips) {
    for (const ruleId of checkIds.flatMap((id) => CHECKOV_EQUIVALENTS[id] ?? [])) {
      const suppression: InlineSuppression = { file, line, ...(endLine !== undefined ? { endLine } : {}), ruleId, ...(reason ? { reason } : {}) };
      // count/for_each instances share their block's lines: one suppression per block and rule.
      suppressions.set(`${file}\0${line}\0${endLine ?? ''}\0${ruleId}`, suppression);
    }
  }
  return [...suppressions.values()];
}
