/**
 * Terraform's version-constraint language (`>= 1.2, < 2.0`, `~> 5.31`, `= 1.0.0-beta`), as its
 * docs define it: comma-separated conditions that must all hold; `~>` allows only the right-most
 * given part to grow; a pre-release version matches only an exact `=` condition naming it.
 */

interface Version {
  parts: [number, number, number];
  /** How many numeric parts were written (`~> 5.3` gave 2): `~>` depends on it. */
  given: number;
  prerelease: string;
}

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
const CONDITION = /^(=|!=|>=|<=|>|<|~>)?\s*(\S+)$/;

export function parseVersion(text: string): Version | undefined {
  const match = VERSION.exec(text.trim());
  if (!match) return undefined;
  const [, major, minor, patch, prerelease] = match;
  const given = patch !== undefined ? 3 : minor !== undefined ? 2 : 1;
  return { parts: [Number(major), Number(minor ?? 0), Number(patch ?? 0)], given, prerelease: prerelease ?? '' };
}

function compare(a: Version, b: Version): number {
  for (let index = 0; index < 3; index += 1) {
    const difference = (a.parts[index] ?? 0) - (b.parts[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  // A release sorts after its own pre-releases; pre-releases compare as text, which is enough here.
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === '') return 1;
  if (b.prerelease === '') return -1;
  return a.prerelease < b.prerelease ? -1 : 1;
}

/** `~> 5.3` means `>= 5.3, < 6.0`; `~> 5.3.1` means `>= 5.3.1, < 5.4.0`; `~> 5` means `>= 5.0.0`. */
function pessimisticUpperBound(bound: Version): Version | undefined {
  if (bound.given === 1) return undefined;
  const parts: [number, number, number] = [bound.parts[0], bound.parts[1], 0];
  if (bound.given === 2) parts.splice(0, 2, bound.parts[0] + 1, 0);
  else parts[1] = bound.parts[1] + 1;
  return { parts, given: 3, prerelease: '' };
}

function holds(version: Version, operator: string, bound: Version): boolean {
  const order = compare(version, bound);
  switch (operator) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    default: {
      const upper = pessimisticUpperBound(bound);
      return order >= 0 && (upper === undefined || compare(version, upper) < 0);
    }
  }
}

/**
 * Whether `version` meets every condition of `constraint`; undefined when either cannot be read
 * (a rule then stays quiet rather than guess).
 */
export function satisfies(version: string, constraint: string): boolean | undefined {
  const candidate = parseVersion(version);
  if (!candidate) return undefined;
  const conditions = constraint.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (conditions.length === 0) return true;
  let result = true;
  for (const condition of conditions) {
    const match = CONDITION.exec(condition.replace(/^(=|!=|>=|<=|>|<|~>)\s+/, '$1'));
    const bound = match?.[2] !== undefined ? parseVersion(match[2]) : undefined;
    if (!match || !bound) return undefined;
    const operator = match[1] ?? '=';
    if (candidate.prerelease !== '' && !(operator === '=' && compare(candidate, bound) === 0)) result = false;
    else if (!holds(candidate, operator, bound)) result = false;
  }
  return result;
}
