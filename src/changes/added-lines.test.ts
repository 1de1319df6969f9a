import { describe, expect, it } from 'vitest';
import { changedLinesByFile } from './added-lines.js';
import type { ChangedFile } from './model.js';

const PATCH = ['@@ -3,2 +3,3 @@', ' kept', '-old', '+new', '+added', '@@ -20 +21,0 @@', '-gone'].join('\n');

describe('changedLinesByFile', () => {
  it.each<[string, ChangedFile, number[] | undefined]>([
    ['the head-side lines a patch adds, not the context it keeps', { path: 'main.tf', status: 'modified', patch: PATCH }, [4, 5]],
    ['none for a file that only loses lines', { path: 'main.tf', status: 'modified', patch: '@@ -20 +19,0 @@\n-gone' }, undefined],
    ['none for a removed file', { path: 'main.tf', status: 'removed', patch: '@@ -1 +0,0 @@\n-gone' }, undefined],
    ['none for a file without a patch (binary, or too large for GitHub to show)', { path: 'logo.png', status: 'modified', binary: true }, undefined],
    ['none for rendered output, whose lines are not the file’s', { path: 'chart/templates/deploy.yaml', status: 'modified', patch: PATCH, renderedFrom: { tool: 'helm', directory: 'chart' } }, undefined],
  ])('%s', (_name, file, expected) => {
    const lines = changedLinesByFile([file]).get(file.path);
    expect(lines === undefined ? undefined : [...lines]).toEqual(expected);
  });
});
