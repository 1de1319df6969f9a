/** Readers for a rule's options: the schema has validated them, but a rule never trusts that blindly. */

export function stringList(options: Record<string, unknown>, key: string, fallback: readonly string[] = []): string[] {
  const value = options[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [...fallback];
}

export function numberOption(options: Record<string, unknown>, key: string, fallback: number): number {
  const value = options[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function booleanOption(options: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = options[key];
  return typeof value === 'boolean' ? value : fallback;
}

export function stringOption(options: Record<string, unknown>, key: string): string | undefined {
  const value = options[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A user-supplied pattern; a bad one becomes a message instead of an exception. */
export function compilePattern(source: string, flags = ''): RegExp | { error: string } {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** The first line of a commit message or title, for messages: control characters out, length capped. */
export function quote(text: string, max = 80): string {
  const line = (text.split('\n')[0] ?? '').replace(/\p{Cc}/gu, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export const globList = (title: string, description: string) => ({ title, description, type: 'array', items: { $ref: '#/definitions/glob' } });

/** What a pull-request rule reports in directory mode, where there is no title, branch or commit. */
export const NO_PULL_REQUEST = {
  skip: 'no pull request metadata (a run on two directories); run in a pull request or on git refs, with --title to try it locally',
} as const;
