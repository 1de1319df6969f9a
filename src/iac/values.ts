/**
 * A value the parser cannot know before deploy or apply: a computed attribute, an account id,
 * another resource's ARN, a variable without a default. It is an object rather than a string so
 * a pricer can never mistake `Ref InstanceTypeParam` for an instance type, and it is never guessed.
 */
export interface UnknownValue {
  readonly __unknown: string;
  /** The candidates when the value is one of a known few (an undecidable `Fn::If` or conditional). */
  readonly alternatives?: readonly unknown[];
}

/** A value the source marks sensitive; it is never copied into the model, so it can never be printed. */
export interface SensitiveValue {
  readonly __sensitive: true;
}

export function unknownValue(description: string, alternatives?: readonly unknown[]): UnknownValue {
  return alternatives ? { __unknown: description, alternatives } : { __unknown: description };
}

export const SENSITIVE: SensitiveValue = Object.freeze({ __sensitive: true });

/** A plain object from a parsed file (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isUnknown(value: unknown): value is UnknownValue {
  return typeof value === 'object' && value !== null && typeof (value as { __unknown?: unknown }).__unknown === 'string';
}

export function isSensitive(value: unknown): value is SensitiveValue {
  return typeof value === 'object' && value !== null && (value as { __sensitive?: unknown }).__sensitive === true;
}

/** True when the value, or anything inside it, is unknown. Depth-capped: hostile input can nest deeply. */
export function containsUnknown(value: unknown, depth = 0): boolean {
  if (isUnknown(value)) return true;
  if (depth > 64) return true;
  if (Array.isArray(value)) return value.some((item) => containsUnknown(item, depth + 1));
  if (typeof value === 'object' && value !== null) return Object.values(value).some((item) => containsUnknown(item, depth + 1));
  return false;
}
