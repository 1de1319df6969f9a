/**
 * A value CloudFormation only knows at deploy time (an account id, another resource's ARN, a
 * parameter without a default). It is an object rather than a string so that a pricer can never
 * mistake `Ref InstanceTypeParam` for an instance type.
 */
export interface UnknownValue {
  readonly __unknown: string;
  /** The candidates when the value is one of a known few (an undecidable `Fn::If`). */
  readonly alternatives?: readonly unknown[];
}

export function unknownValue(description: string, alternatives?: readonly unknown[]): UnknownValue {
  return alternatives ? { __unknown: description, alternatives } : { __unknown: description };
}

export function isUnknown(value: unknown): value is UnknownValue {
  return typeof value === 'object' && value !== null && typeof (value as { __unknown?: unknown }).__unknown === 'string';
}

/** True when the value, or anything inside it, is unknown. */
export function containsUnknown(value: unknown, depth = 0): boolean {
  if (isUnknown(value)) return true;
  if (depth > 64) return true;
  if (Array.isArray(value)) return value.some((item) => containsUnknown(item, depth + 1));
  if (typeof value === 'object' && value !== null) return Object.values(value).some((item) => containsUnknown(item, depth + 1));
  return false;
}
