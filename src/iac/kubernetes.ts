import type { Resource } from './model.js';
import type { SourceDocument } from './yaml-documents.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, String(entry)]));
}

/** A manifest object: anything with a string apiVersion and kind. Other YAML (workflows, compose files) is not. */
export function isKubernetesObject(value: unknown): value is Record<string, unknown> & { apiVersion: string; kind: string } {
  return isRecord(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}

function toResource(object: Record<string, unknown> & { apiVersion: string; kind: string }, file: string, document: SourceDocument, prefix: string): Resource {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? `${metadata.generateName}*` : '<unnamed>';
  // Without an explicit namespace the object lands in whatever namespace it is applied to; `default` is kubectl's.
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : 'default';
  const lines: Record<string, number> = {};
  for (const [path, line] of Object.entries(document.lines)) {
    if (prefix === '') lines[path] = line;
    else if (path.startsWith(`${prefix}.`)) lines[path.slice(prefix.length + 1)] = line;
  }
  const labels = stringRecord(metadata.labels);
  const line = prefix === '' ? document.line : (document.lines[prefix] ?? document.line);
  return {
    kind: 'kubernetes',
    type: object.kind,
    address: `${object.apiVersion}/${object.kind}/${namespace}/${name}`,
    attributes: object,
    file,
    line,
    endLine: Math.max(line, ...Object.values(lines)),
    attributeLines: lines,
    ...(labels ? { labels } : {}),
    meta: { apiVersion: object.apiVersion, namespace, name },
  };
}

/** Kubernetes objects in one file's documents, with `List` kinds unpacked into their items. */
export function kubernetesResources(documents: readonly SourceDocument[], file: string): Resource[] {
  const resources: Resource[] = [];
  for (const document of documents) {
    const value = document.value;
    if (!isKubernetesObject(value)) continue;
    if (value.kind.endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach((item, index) => {
        if (isKubernetesObject(item)) resources.push(toResource(item, file, document, `items.${index}`));
      });
      continue;
    }
    resources.push(toResource(value, file, document, ''));
  }
  return resources;
}
