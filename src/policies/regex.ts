import { setFlagsFromString } from 'node:v8';

let linearFallback = false;

/**
 * V8 switches a regular expression to its linear-time engine once it backtracks excessively, so a
 * policy's pattern cannot hang the run on a crafted value. The linear engine has no
 * backreferences or lookaround, which is why policies may not use them (Go's RE2, which Kyverno
 * and OPA use, has neither).
 */
function enableLinearFallback(): void {
  if (linearFallback) return;
  setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
  linearFallback = true;
}

/** Backreferences (`\1`, `\k<name>`) and lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`), outside character classes. */
function unsupportedConstruct(pattern: string): string | undefined {
  let inClass = false;
  for (let position = 0; position < pattern.length; position++) {
    const char = pattern[position];
    if (char === '\\') {
      const next = pattern[position + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return `the backreference \\${next}`;
      if (!inClass && next === 'k' && pattern[position + 2] === '<') return 'the named backreference \\k<…>';
      position++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '(' && pattern[position + 1] === '?') {
      const kind = /^\(\?(=|!|<=|<!)/.exec(pattern.slice(position))?.[1];
      if (kind !== undefined) return `the lookaround (?${kind}…)`;
    }
  }
  return undefined;
}

/** A policy's `matches` pattern, compiled; or why it cannot be used, in words the author can act on. */
export function compilePattern(pattern: string): { regex: RegExp } | { error: string } {
  const unsupported = unsupportedConstruct(pattern);
  if (unsupported !== undefined) return { error: `${JSON.stringify(pattern)} uses ${unsupported}, which policies do not support (they run in linear time, like RE2); rewrite it without` };
  try {
    enableLinearFallback();
    return { regex: new RegExp(pattern) };
  } catch (error) {
    return { error: `${JSON.stringify(pattern)} is not a valid regular expression: ${error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error)}` };
  }
}
