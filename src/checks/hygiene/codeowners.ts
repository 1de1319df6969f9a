import { matchesAnyGlob } from '../../globs.js';

export interface OwnerRule {
  pattern: string;
  owners: string[];
  line: number;
  globs: string[];
}

/**
 * One CODEOWNERS pattern as minimatch globs, with GitHub's reading of gitignore syntax: a pattern
 * with a slash at the start or in the middle is anchored at the root, one without matches at any
 * depth; a pattern names a file or a directory and everything below it, except that `dir/*`
 * matches only the directory's direct children.
 */
export function patternGlobs(pattern: string): string[] {
  const unescaped = pattern.replace(/\\(.)/g, '$1');
  const directoryOnly = unescaped.endsWith('/');
  const body = unescaped.replace(/^\/+/, '').replace(/\/+$/, '');
  if (body === '' || body === '*' || body === '**') return ['**'];
  const anchored = unescaped.startsWith('/') || body.includes('/');
  const base = anchored || body.startsWith('**/') ? body : `**/${body}`;
  if (base.endsWith('/*')) return [base];
  return directoryOnly ? [`${base}/**`] : [base, `${base}/**`];
}

export function parseCodeowners(text: string): OwnerRule[] {
  const rules: OwnerRule[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    // Split on whitespace not preceded by a backslash (an escaped space belongs to the pattern).
    const fields = trimmed
      .replace(/\s#.*$/, '')
      .split(/(?<!\\)\s+/)
      .filter((field) => field !== '');
    const [pattern, ...owners] = fields;
    if (pattern === undefined) return;
    rules.push({ pattern, owners, line: index + 1, globs: patternGlobs(pattern) });
  });
  return rules;
}

/** The rule that decides a path's owners: the last matching one, as GitHub reads the file. */
export function ownerRuleFor(path: string, rules: readonly OwnerRule[]): OwnerRule | undefined {
  for (let index = rules.length - 1; index >= 0; index -= 1) {
    const rule = rules[index];
    if (rule && matchesAnyGlob(path, rule.globs)) return rule;
  }
  return undefined;
}
