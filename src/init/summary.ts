import { docsUrl } from '../meta.js';
import { foundSummary } from './config-file.js';
import type { Detection } from './detect.js';

export interface InitResult {
  /** The repository written to, as the user should read it. */
  root: string;
  detection: Detection;
  /** Repository paths written, with what each one is. */
  written: Array<{ path: string; what: string }>;
}

/** What `tollgate init` prints: what it found, what it wrote, and what to do next. */
export function initSummary(result: InitResult): string {
  const lines = [`Found in ${result.root}:`, ...foundSummary(result.detection).map((line) => `  ${line}`)];
  lines.push('', ...result.written.map((file) => `Wrote ${file.path}: ${file.what}`));
  lines.push(
    '',
    'Next: commit both files on a branch and open a pull request; tollgate comments on it.',
    'Then make the `tollgate` check required in the branch rule.',
    `Settings: ${docsUrl('docs/config.md')}; more workflows: ${docsUrl('examples/workflows/').replace('/blob/', '/tree/')}`,
  );
  return `${lines.join('\n')}\n`;
}

/** Why nothing was written: the files that are there already, and how to replace them. */
export function refusalMessage(existing: readonly string[]): string {
  const [first, ...rest] = existing;
  const named = rest.length === 0 ? `${first} already exists` : `${existing.join(' and ')} already exist`;
  return `${named}; nothing was written. Run tollgate init --force to overwrite ${rest.length === 0 ? 'it' : 'them'}.`;
}
