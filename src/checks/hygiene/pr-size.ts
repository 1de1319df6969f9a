import { matchesAnyGlob } from '../../globs.js';
import type { ChangedFile } from '../../changes/model.js';
import type { Rule, RuleFinding, Severity } from '../model.js';
import { globList, numberOption, stringList } from './options.js';

/** Files whose size says nothing about the review effort: lock files, vendored and generated code. */
export const DEFAULT_EXCLUDE = [
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
  '**/yarn.lock',
  '**/pnpm-lock.yaml',
  '**/bun.lock',
  '**/Cargo.lock',
  '**/go.sum',
  '**/poetry.lock',
  '**/Gemfile.lock',
  '**/composer.lock',
  '**/.terraform.lock.hcl',
  '**/vendor/**',
  '**/node_modules/**',
  '**/dist/**',
  '**/*.min.js',
  '**/*.generated.*',
  '**/__snapshots__/**',
  '**/*.snap',
];

/** The usual size-label bands (pull-request-size labelers): lines changed below each bound. */
const SIZE_BANDS: ReadonlyArray<[label: string, below: number]> = [
  ['XS', 10],
  ['S', 100],
  ['M', 500],
  ['L', 1000],
  ['XL', Infinity],
];

export function sizeLabel(lines: number): string {
  return `size/${SIZE_BANDS.find(([, below]) => lines < below)?.[0] ?? 'XL'}`;
}

export interface ChangeSize {
  lines: number;
  files: number;
  excluded: number;
}

export function measure(files: readonly ChangedFile[], exclude: readonly string[]): ChangeSize {
  const size: ChangeSize = { lines: 0, files: 0, excluded: 0 };
  for (const file of files) {
    // Rendered output is no file of the repository unless it stands in for a changed one.
    if (file.renderedFrom && file.additions === undefined && file.deletions === undefined) continue;
    if (matchesAnyGlob(file.path, exclude)) {
      size.excluded += 1;
      continue;
    }
    size.files += 1;
    size.lines += (file.additions ?? 0) + (file.deletions ?? 0);
  }
  return size;
}

function band(value: number, warning: number, error: number): Severity | undefined {
  if (error > 0 && value > error) return 'error';
  if (warning > 0 && value > warning) return 'warning';
  return undefined;
}

export const prSize: Rule = {
  id: 'pr-size',
  title: 'Pull request is small enough to review',
  category: 'hygiene',
  severity: 'warning',
  docs: 'docs/rules/pr-size.md',
  judgesChange: true,
  options: {
    'warning-lines': { title: 'Lines for a warning', description: 'Changed lines (added + deleted) above which the rule warns; 0 turns it off. Default: 1000.', type: 'integer', minimum: 0 },
    'error-lines': { title: 'Lines for an error', description: 'Changed lines above which the finding is an error; 0 (the default) never.', type: 'integer', minimum: 0 },
    'warning-files': { title: 'Files for a warning', description: 'Changed files above which the rule warns; 0 turns it off. Default: 100.', type: 'integer', minimum: 0 },
    'error-files': { title: 'Files for an error', description: 'Changed files above which the finding is an error; 0 (the default) never.', type: 'integer', minimum: 0 },
    exclude: globList('Excluded files', 'Files not counted (replaces the default list of lock files, vendored and generated code).'),
  },
  run: ({ files, pr, options }) => {
    const size = measure(files, stringList(options, 'exclude', DEFAULT_EXCLUDE));
    const label = sizeLabel(size.lines);
    const findings: RuleFinding[] = [];
    const lineBand = band(size.lines, numberOption(options, 'warning-lines', 1000), numberOption(options, 'error-lines', 0));
    const fileBand = band(size.files, numberOption(options, 'warning-files', 100), numberOption(options, 'error-files', 0));
    const worst = lineBand === 'error' || fileBand === 'error' ? 'error' : (lineBand ?? fileBand);
    if (worst !== undefined) {
      const excluded = size.excluded > 0 ? ` (${size.excluded} lock, vendored or generated file${size.excluded === 1 ? '' : 's'} not counted)` : '';
      findings.push({
        severity: worst,
        message: `The change touches ${size.lines} lines in ${size.files} files${excluded}: ${label}, too large to review well.`,
        fix: 'Split it into smaller pull requests that each ship on their own (refactors, then behaviour; one stack at a time).',
      });
    }
    const applied = pr?.labels?.filter((name) => /^size\//i.test(name)) ?? [];
    if (applied.length > 0 && !applied.some((name) => name.toLowerCase() === label.toLowerCase())) {
      findings.push({
        severity: 'notice',
        message: `The pull request is labelled ${applied.join(', ')} but the change is ${label} (${size.lines} lines).`,
        fix: `Replace the label with ${label}.`,
      });
    }
    return findings;
  },
};
