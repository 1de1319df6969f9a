/**
 * A value the parser cannot know before apply or evaluation: a computed attribute, a reference to
 * an account id, a variable without a default. Kept as a marker, never guessed, so a pricer or a
 * rule can tell "unknown" apart from a real value and say so.
 */
export interface UnknownValue {
  __unknown: string;
}

/** A value the source marks sensitive; it is never copied into the model, so it can never be printed. */
export interface SensitiveValue {
  __sensitive: true;
}

export function unknownValue(reason: string): UnknownValue {
  return { __unknown: reason };
}

export const SENSITIVE: SensitiveValue = Object.freeze({ __sensitive: true });

export function isUnknown(value: unknown): value is UnknownValue {
  return typeof value === 'object' && value !== null && typeof (value as { __unknown?: unknown }).__unknown === 'string';
}

export function isSensitive(value: unknown): value is SensitiveValue {
  return typeof value === 'object' && value !== null && (value as { __sensitive?: unknown }).__sensitive === true;
}
