import type { ChangedFile, RenderedSources, RenderOrigin } from '../changes/model.js';
import type { Resource, Side } from './model.js';
import { outlineDocuments, type OutlineDocument } from './source-outline.js';

/**
 * Objects from a rendered chart or kustomization, pointed back at the file and lines where they
 * are written: the template (helm's `# Source:`) or the manifest kustomize's origin annotation
 * names, read with the outline reader so a template's directives do not stop it. A finding then
 * names a line the author can edit, not a line of output nobody sees. An object whose source is
 * not known keeps the output's lines, and says so (`meta.renderedOutput`).
 */

/** 1-based lines of the `---` separators of a rendered text: the document of a line is how many come before it. */
function separatorLines(text: string): number[] {
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (/^---[ \t]*$/.test(line)) lines.push(index + 1);
  });
  return lines;
}

function documentIndex(separators: readonly number[], line: number): number {
  let index = 0;
  while (index < separators.length && (separators[index] ?? Infinity) < line) index++;
  return index;
}

/**
 * The written document a rendered object comes from, among the documents of its source file:
 * the one of its kind (a template's kind may itself be templated: then any), by name where the
 * name is written plainly (kustomize may add a prefix or suffix), else the n-th of its kind, as
 * the renderer keeps their order.
 */
function sourceDocument(resource: Resource, documents: readonly OutlineDocument[], ordinal: number): OutlineDocument | undefined {
  const ofKind = documents.filter((document) => document.kind === undefined || document.kind === resource.type);
  const candidates = ofKind.length > 0 ? ofKind : documents;
  const name = typeof resource.meta.name === 'string' ? resource.meta.name : '';
  const named = candidates.filter((document) => document.name !== undefined && name.includes(document.name));
  if (named.length === 1) return named[0];
  return candidates[Math.min(ordinal, candidates.length - 1)];
}

function describeOrigin(origin: RenderOrigin): string {
  return `${origin.tool === 'helm' ? 'helm' : 'kustomize'} output of ${origin.directory || '.'}`;
}

export function locateRendered(resources: readonly Resource[], renderedText: string, origin: RenderOrigin, sources: RenderedSources | undefined): Resource[] {
  const separators = separatorLines(renderedText);
  const outlines = new Map<string, OutlineDocument[]>();
  const seen = new Map<string, number>();
  return resources.map((resource) => {
    const path = sources?.documents[documentIndex(separators, resource.line)];
    const text = path === undefined ? undefined : sources?.texts[path];
    if (path === undefined || text === undefined) return { ...resource, meta: { ...resource.meta, renderedOutput: describeOrigin(origin) } };
    let documents = outlines.get(path);
    if (!documents) {
      documents = outlineDocuments(text);
      outlines.set(path, documents);
    }
    const key = `${path}\0${resource.type}`;
    const ordinal = seen.get(key) ?? 0;
    seen.set(key, ordinal + 1);
    const document = sourceDocument(resource, documents, ordinal);
    if (!document) return { ...resource, meta: { ...resource.meta, renderedOutput: describeOrigin(origin) } };
    return { ...resource, file: path, line: document.line, endLine: document.endLine, attributeLines: document.lines };
  });
}

/**
 * The texts inline suppressions are read from for one side of a changed file: the file itself,
 * or for rendered output the source files its objects now point at (a `# tollgate:ignore` comment
 * in a template is on the template's line, where the finding is).
 */
export function commentTexts(file: ChangedFile, side: Side): Array<{ path: string; text: string }> {
  const sources = file.sources?.[side];
  if (sources && Object.keys(sources.texts).length > 0) return Object.entries(sources.texts).map(([path, text]) => ({ path, text }));
  const text = side === 'head' ? file.after : file.before;
  return text === undefined ? [] : [{ path: side === 'head' ? file.path : (file.previousPath ?? file.path), text }];
}
