import type { ChangedFile } from './model.js';

/** One line the change adds, with its line number in the head version of the file. */
export interface AddedLine {
  line: number;
  text: string;
}

const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * The added lines of a unified diff. Works with and without context lines (git's `-U0` patches
 * and GitHub's three-line context alike) and with or without file headers: each hunk header's
 * counts say how many old and new lines follow, so a content line that starts with `+++` or
 * `---` is read as content, never as a header.
 */
export function addedLines(patch: string): AddedLine[] {
  return patchLines(patch).added;
}

/** The added lines (with head line numbers) and the removed lines of a unified diff. */
export function patchLines(patch: string): { added: AddedLine[]; removed: string[] } {
  const added: AddedLine[] = [];
  const removed: string[] = [];
  let oldLeft = 0;
  let newLeft = 0;
  let line = 0;
  for (const raw of patch.split('\n')) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (oldLeft > 0 || newLeft > 0) {
      const marker = text.charAt(0);
      if (marker === '+') {
        added.push({ line, text: text.slice(1) });
        line += 1;
        newLeft -= 1;
        continue;
      }
      if (marker === '-') {
        removed.push(text.slice(1));
        oldLeft -= 1;
        continue;
      }
      if (marker === ' ' || text === '') {
        line += 1;
        oldLeft -= 1;
        newLeft -= 1;
        continue;
      }
      // `\ No newline at end of file`, or a truncated patch: neither side's count moves.
      if (marker === '\\') continue;
    }
    const header = HUNK_HEADER.exec(text);
    if (header) {
      oldLeft = header[1] === undefined ? 1 : Number(header[1]);
      line = Number(header[2]);
      newLeft = header[3] === undefined ? 1 : Number(header[3]);
    }
  }
  return { added, removed };
}

/** The head-side lines each changed file adds, by repository path: where a review comment can sit. */
export type ChangedLines = ReadonlyMap<string, ReadonlySet<number>>;

/**
 * The lines each repository file's diff adds. Rendered output is left out: its patch numbers the
 * lines of the chart's or kustomization's output, not of any file a reviewer sees in the diff.
 */
export function changedLinesByFile(files: readonly ChangedFile[]): ChangedLines {
  const lines = new Map<string, Set<number>>();
  for (const file of files) {
    if (file.renderedFrom !== undefined || file.status === 'removed' || file.patch === undefined) continue;
    const added = addedLines(file.patch);
    if (added.length > 0) lines.set(file.path, new Set(added.map((line) => line.line)));
  }
  return lines;
}
