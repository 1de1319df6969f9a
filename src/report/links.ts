import { docsUrl } from '../meta.js';
import type { CheckResult } from '../checks/model.js';
import type { LinkTarget } from './model.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Lone surrogates (a YAML `"\ud800"` escape decodes to one) made U+FFFD: encodeURIComponent throws on them. */
function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * encodeURIComponent leaves `!'()*` alone; parentheses would end a markdown link destination
 * early, so every one of them is percent-encoded too.
 */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(wellFormed(segment)).replace(/[!'()*]/g, (char) => '%' + char.charCodeAt(0).toString(16).toUpperCase());
}

export function encodePath(path: string): string {
  return path.split('/').map(encodeSegment).join('/');
}

/** `${serverUrl}/${repository}/blob/${sha}/${path}#L12-L15`, every path segment encoded. */
export function fileUrl(link: LinkTarget, file: string, line?: number, endLine?: number): string {
  const base = link.serverUrl.replace(/\/+$/, '');
  const anchor =
    line === undefined ? '' : endLine !== undefined && endLine > line ? `#L${line}-L${endLine}` : `#L${line}`;
  return `${base}/${encodePath(link.repository)}/blob/${encodeSegment(link.sha)}/${encodePath(file)}${anchor}`;
}

/** A URL a reader can open from anywhere: a custom policy's own docs page, as its file names it. */
export function isAbsoluteUrl(text: string): boolean {
  return /^https?:\/\//.test(text);
}

/**
 * The docs page of a rule: its registered path, or the conventional `docs/rules/<id>.md`. A custom
 * policy's is the page its file names, else the policy itself in the repository (`file#L12`),
 * linked at the reported commit when there is one to link to.
 */
export function ruleDocsUrl(ruleId: string, checks: readonly CheckResult[], link?: LinkTarget): string {
  const check = checks.find((candidate) => candidate.ruleId === ruleId);
  const docs = check?.docs ?? `docs/rules/${ruleId}.md`;
  if (isAbsoluteUrl(docs)) return docs;
  if (check?.category !== 'policy') return docsUrl(encodePath(docs));
  const [file = '', line] = docs.split('#L');
  if (link) return fileUrl(link, file, line === undefined ? undefined : Number(line));
  return `${encodePath(file)}${line === undefined ? '' : `#L${line}`}`;
}
