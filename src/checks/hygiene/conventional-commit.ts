/**
 * The Conventional Commits 1.0 header grammar, `type(scope)!: subject`, as commitlint's
 * config-conventional reads it: a lower-case type from a known list, an optional scope, an
 * optional `!` for a breaking change, a colon, one space and a non-empty subject.
 */

export const DEFAULT_TYPES = ['build', 'chore', 'ci', 'docs', 'feat', 'fix', 'perf', 'refactor', 'revert', 'style', 'test'] as const;

export const ACCEPTED_FORM = 'type(scope)!: subject';

export interface HeaderRules {
  types: readonly string[];
  /** When not empty, a scope must be one of these. */
  scopes: readonly string[];
  requireScope: boolean;
  subjectPattern?: RegExp;
  maxLength: number;
}

export interface ParsedHeader {
  type: string;
  scope?: string;
  breaking: boolean;
  /** What stands between the type part and the subject; the grammar wants exactly `: `. */
  separator: string;
  subject: string;
}

const HEADER = /^(?<type>[A-Za-z]+)(?:\((?<scope>[^()\r\n]*)\))?(?<breaking>!)?(?<colon>\s*:)(?<space>\s*)(?<subject>.*)$/u;
/** `git revert` writes `Revert "<original header>"`; commitlint accepts it as is. */
const GIT_REVERT = /^Revert ".+"$/;

/** A header written in the convention, whatever its type: how a repository's history shows it keeps one. */
const KEPT_HEADER = /^[a-z][a-z0-9]*(?:\([^()\r\n]*\))?!?: \S/u;

/** Whether a header follows Conventional Commits, whatever its type (reverts from `git revert` count, as commitlint has them). */
export function isConventionalHeader(header: string): boolean {
  return KEPT_HEADER.test(header) || GIT_REVERT.test(header);
}

export function parseHeader(header: string): ParsedHeader | undefined {
  const match = HEADER.exec(header);
  const groups = match?.groups;
  if (!groups) return undefined;
  return {
    type: groups['type'] ?? '',
    ...(groups['scope'] !== undefined ? { scope: groups['scope'] } : {}),
    breaking: groups['breaking'] === '!',
    separator: `${groups['colon'] ?? ''}${groups['space'] ?? ''}`,
    subject: groups['subject'] ?? '',
  };
}

/** Words people start a free-form title with, and the type they usually mean. */
const VERB_TYPES: Record<string, string> = {
  add: 'feat',
  adds: 'feat',
  added: 'feat',
  implement: 'feat',
  introduce: 'feat',
  create: 'feat',
  support: 'feat',
  enable: 'feat',
  allow: 'feat',
  new: 'feat',
  feature: 'feat',
  features: 'feat',
  fix: 'fix',
  fixes: 'fix',
  fixed: 'fix',
  bugfix: 'fix',
  hotfix: 'fix',
  correct: 'fix',
  repair: 'fix',
  resolve: 'fix',
  patch: 'fix',
  doc: 'docs',
  docs: 'docs',
  document: 'docs',
  documentation: 'docs',
  readme: 'docs',
  refactor: 'refactor',
  rename: 'refactor',
  move: 'refactor',
  simplify: 'refactor',
  cleanup: 'refactor',
  clean: 'refactor',
  extract: 'refactor',
  test: 'test',
  tests: 'test',
  perf: 'perf',
  speed: 'perf',
  optimize: 'perf',
  optimise: 'perf',
  revert: 'revert',
  ci: 'ci',
  build: 'build',
  style: 'style',
  format: 'style',
  bump: 'chore',
  upgrade: 'chore',
  update: 'chore',
  chore: 'chore',
  remove: 'chore',
  delete: 'chore',
  drop: 'chore',
};

/** Words that name a kind of change rather than describe it: the type, not the subject's first word. */
const TYPE_WORDS = new Set(['feature', 'features', 'bugfix', 'hotfix', 'doc', 'docs', 'documentation', 'tests', 'chore']);

/** The type a user most likely meant: a prefix or near-spelling of a known type. */
function nearestType(word: string, types: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  if (lower === '') return undefined;
  if (types.includes(lower)) return lower;
  const mapped = VERB_TYPES[lower];
  if (mapped !== undefined && types.includes(mapped)) return mapped;
  const prefixed = types.find((type) => lower.startsWith(type) || type.startsWith(lower));
  if (prefixed !== undefined) return prefixed;
  let best: { type: string; distance: number } | undefined;
  for (const type of types) {
    const distance = editDistance(lower, type);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { type, distance };
  }
  return best?.type;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function lowerFirst(text: string): string {
  // Keep acronyms and identifiers (`README`, `S3`) as written; lower only a capitalised word.
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function stripTrailingPeriod(text: string): string {
  return text.replace(/\.+$/, '');
}

function fallbackType(types: readonly string[]): string {
  return types.includes('chore') ? 'chore' : (types[0] ?? 'chore');
}

/** A header close to what the author wrote that the rules accept, or undefined when none is clear. */
export function suggestHeader(header: string, rules: HeaderRules): string {
  const trimmed = header.trim();
  const parsed = parseHeader(trimmed);
  if (parsed) {
    const type = nearestType(parsed.type, rules.types) ?? fallbackType(rules.types);
    const scope = parsed.scope?.trim() ? `(${parsed.scope.trim()})` : '';
    const subject = stripTrailingPeriod(parsed.subject.trim()) || 'describe the change';
    return `${type}${scope}${parsed.breaking ? '!' : ''}: ${subject}`;
  }
  const [first = '', ...rest] = trimmed.replace(/^\[[^\]]*\]\s*/, '').split(/\s+/);
  const word = first.replace(/[^A-Za-z]/g, '').toLowerCase();
  const type = nearestType(word, rules.types);
  // A type word typed as prose ("fix - thing", "Feature add x") is the type, not part of the subject;
  // a verb ("Update the README") is the subject's first word.
  const namesType = rules.types.includes(word) || TYPE_WORDS.has(word) || (type !== undefined && VERB_TYPES[word] === undefined);
  const words = namesType && rest.length > 0 ? rest : [first, ...rest];
  const subject = stripTrailingPeriod(lowerFirst(words.join(' ').replace(/^[-:–—]\s*/, '').trim())) || 'describe the change';
  return `${type ?? fallbackType(rules.types)}: ${subject}`;
}

/** Why a header breaks the rules, one reason, or undefined when it is fine. */
export function headerProblem(header: string, rules: HeaderRules): string | undefined {
  if (header.trim() === '') return 'is empty';
  if (GIT_REVERT.test(header)) return undefined;
  if ([...header].length > rules.maxLength) return `is longer than ${rules.maxLength} characters`;
  const parsed = parseHeader(header);
  if (!parsed) return 'is not a Conventional Commit header';
  if (!rules.types.includes(parsed.type)) {
    return parsed.type.toLowerCase() !== parsed.type && rules.types.includes(parsed.type.toLowerCase())
      ? `has the type \`${parsed.type}\` in capitals; types are lower case`
      : `has the type \`${parsed.type}\`, which is not one of ${rules.types.join(', ')}`;
  }
  if (parsed.separator !== ': ') return 'needs exactly `: ` (a colon, then one space) after the type';
  if (parsed.scope !== undefined && parsed.scope.trim() === '') return 'has an empty scope `()`';
  if (rules.requireScope && parsed.scope === undefined) return 'has no scope; this repository requires one';
  if (rules.scopes.length > 0 && parsed.scope !== undefined && !parsed.scope.split(',').every((scope) => rules.scopes.includes(scope.trim()))) {
    return `has the scope \`${parsed.scope}\`, which is not one of ${rules.scopes.join(', ')}`;
  }
  if (parsed.subject.trim() === '') return 'has no subject after the colon';
  if (rules.subjectPattern && !rules.subjectPattern.test(parsed.subject)) return `has a subject that does not match \`${rules.subjectPattern.source}\``;
  return undefined;
}
