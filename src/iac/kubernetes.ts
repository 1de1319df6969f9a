import type { Resource } from './model.js';
import type { SourceDocument } from './yaml-documents.js';
import { isRecord } from './values.js';


function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, String(entry)]));
}

/** A manifest object: anything with a string apiVersion and kind. Other YAML (workflows, compose files) is not. */
export function isKubernetesObject(value: unknown): value is Record<string, unknown> & { apiVersion: string; kind: string } {
  return isRecord(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}

function toResource(
  object: Record<string, unknown> & { apiVersion: string; kind: string },
  file: string,
  document: SourceDocument,
  prefix: string,
  lines: Record<string, number>,
): Resource {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? `${metadata.generateName}*` : '<unnamed>';
  // Without an explicit namespace the object lands in whatever namespace it is applied to; `default` is kubectl's.
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : 'default';
  const labels = stringRecord(metadata.labels);
  const line = prefix === '' ? document.line : (document.lines[prefix] ?? document.line);
  return {
    kind: 'kubernetes',
    type: object.kind,
    address: `${object.apiVersion}/${object.kind}/${namespace}/${name}`,
    attributes: object,
    file,
    line,
    endLine: lastLine(line, lines),
    attributeLines: lines,
    ...(labels ? { labels } : {}),
    meta: { apiVersion: object.apiVersion, namespace, name },
  };
}

/**
 * A List document's key lines split by item (`items.3.spec.replicas` → item 3, `spec.replicas`) in
 * one pass: filtering every item's lines out of the whole document would be quadratic in the items.
 */
function linesByItem(document: SourceDocument): Map<number, Record<string, number>> {
  const byItem = new Map<number, Record<string, number>>();
  for (const [path, line] of Object.entries(document.lines)) {
    const match = /^items\.(\d+)\.(.+)$/.exec(path);
    if (!match?.[1] || !match[2]) continue;
    const index = Number(match[1]);
    const lines = byItem.get(index) ?? {};
    lines[match[2]] = line;
    byItem.set(index, lines);
  }
  return byItem;
}

/** A loop, not `Math.max(...values)`: a manifest with very many keys would overflow the argument list. */
function lastLine(first: number, lines: Record<string, number>): number {
  let last = first;
  for (const line of Object.values(lines)) if (line > last) last = line;
  return last;
}

/** Kubernetes objects in one file's documents, with `List` kinds unpacked into their items. */
export function kubernetesResources(documents: readonly SourceDocument[], file: string): Resource[] {
  const resources: Resource[] = [];
  for (const document of documents) {
    const value = document.value;
    if (!isKubernetesObject(value)) continue;
    if (value.kind.endsWith('List') && Array.isArray(value.items)) {
      const lines = linesByItem(document);
      value.items.forEach((item, index) => {
        if (isKubernetesObject(item)) resources.push(toResource(item, file, document, `items.${index}`, lines.get(index) ?? {}));
      });
      continue;
    }
    resources.push(toResource(value, file, document, '', document.lines));
  }
  return resources;
}
