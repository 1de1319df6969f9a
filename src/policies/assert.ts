import { parseQuantity } from '../checks/deploy/quantity.js';
import type { CostReport } from '../cost/model.js';
import type { Resource } from '../iac/model.js';
import { nearest } from '../config/suggest.js';
import { isRecord } from '../iac/values.js';
import { compileExpression, type CelProgram } from './cel.js';
import { parsePath, PolicyPathError, select, type PathSegment, type Selected } from './path.js';
import { compilePattern } from './regex.js';

/** An `assert` as written in a policy file (the schema has checked its shape). */
export type RawAssertion = Record<string, unknown>;

export const VALUE_OPERATORS = ['exists', 'absent', 'equals', 'in', 'notIn', 'matches', 'gte', 'lte'] as const;
export type ValueOperator = (typeof VALUE_OPERATORS)[number];

interface ValueTest {
  operator: ValueOperator;
  /** The operand as written, for messages. */
  operand: unknown;
  test: (item: Selected) => boolean;
}

export type Assertion =
  /** `ifSet`: a value that is not set passes, so `lte` is a ceiling on what is written, not a demand to write it. */
  | { kind: 'value'; path: string; segments: PathSegment[]; tests: ValueTest[]; ifSet: boolean }
  | { kind: 'cost'; measure: 'after' | 'delta'; tests: Array<{ operator: 'gte' | 'lte'; bound: number }> }
  /** A CEL expression, on the object, or on each value `path` selects (bound to `value`). */
  | { kind: 'expression'; program: CelProgram; path?: string; segments?: PathSegment[] }
  | { kind: 'all' | 'any'; items: Assertion[] }
  | { kind: 'not'; item: Assertion };

/** A mistake in an assertion, with the key path inside `assert` where it is (`all[1].matches`). */
export class AssertionError extends Error {
  constructor(
    message: string,
    readonly at: readonly (string | number)[],
  ) {
    super(message);
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

/** A number, or a Kubernetes quantity (`500m`, `1Gi`) as its base unit. */
function measured(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return parseQuantity(value);
}

function valueTest(operator: ValueOperator, operand: unknown, at: readonly (string | number)[]): ValueTest {
  const where = [...at, operator];
  switch (operator) {
    case 'exists':
    case 'absent': {
      if (typeof operand !== 'boolean') throw new AssertionError(`${operator} takes true or false`, where);
      const wantPresent = (operator === 'exists') === operand;
      return { operator, operand, test: (item) => item.present === wantPresent };
    }
    case 'equals':
      return { operator, operand, test: (item) => item.present && deepEqual(item.value, operand) };
    case 'in':
    case 'notIn': {
      if (!Array.isArray(operand)) throw new AssertionError(`${operator} takes a list of values`, where);
      const listed = (item: Selected): boolean => item.present && operand.some((candidate) => deepEqual(item.value, candidate));
      return { operator, operand, test: operator === 'in' ? listed : (item) => !listed(item) };
    }
    case 'matches': {
      if (typeof operand !== 'string') throw new AssertionError('matches takes a regular expression as a string', where);
      const compiled = compilePattern(operand);
      if ('error' in compiled) throw new AssertionError(compiled.error, where);
      const { regex } = compiled;
      return { operator, operand, test: (item) => item.present && (typeof item.value === 'string' || typeof item.value === 'number') && regex.test(String(item.value)) };
    }
    case 'gte':
    case 'lte': {
      const bound = measured(operand);
      if (bound === undefined) throw new AssertionError(`${operator} takes a number or a Kubernetes quantity such as 500m or 1Gi, not ${JSON.stringify(operand)}`, where);
      return {
        operator,
        operand,
        test: (item) => {
          const actual = item.present ? measured(item.value) : undefined;
          return actual !== undefined && (operator === 'gte' ? actual >= bound : actual <= bound);
        },
      };
    }
  }
}

const COMBINATORS = ['all', 'any', 'not'] as const;

function pathSegments(path: string, at: readonly (string | number)[]): PathSegment[] {
  try {
    return parsePath(path);
  } catch (error) {
    throw new AssertionError(error instanceof PolicyPathError ? error.message : String(error), [...at, 'path']);
  }
}

/** An operator spelled wrong is a silent pass unless it is refused. */
function checkKeys(raw: Record<string, unknown>, allowed: readonly string[], at: readonly (string | number)[]): void {
  for (const key of Object.keys(raw)) {
    if (allowed.includes(key)) continue;
    const suggestion = nearest(key, allowed);
    throw new AssertionError(`unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; allowed here: ${allowed.join(', ')}`, [...at, key]);
  }
}

/** Compiles an `assert`; throws AssertionError naming where in it the mistake is. */
export function compileAssertion(raw: unknown, at: readonly (string | number)[] = []): Assertion {
  if (!isRecord(raw)) throw new AssertionError('an assertion is a mapping such as `{ path: spec.replicas, gte: 2 }`', at);
  const combinator = COMBINATORS.find((key) => key in raw);
  if (combinator !== undefined) {
    checkKeys(raw, [combinator], at);
    const value = raw[combinator];
    if (combinator === 'not') return { kind: 'not', item: compileAssertion(value, [...at, 'not']) };
    if (!Array.isArray(value) || value.length === 0) throw new AssertionError(`${combinator} takes a non-empty list of assertions`, [...at, combinator]);
    return { kind: combinator, items: value.map((item, index) => compileAssertion(item, [...at, combinator, index])) };
  }
  if ('expression' in raw) {
    checkKeys(raw, ['expression', 'path'], at);
    if (typeof raw.expression !== 'string') throw new AssertionError('expression takes a CEL expression as a string', [...at, 'expression']);
    const program = compileExpression(raw.expression);
    if ('error' in program) throw new AssertionError(program.error, [...at, 'expression']);
    if (raw.path === undefined) return { kind: 'expression', program };
    if (typeof raw.path !== 'string') throw new AssertionError('path takes an attribute path as a string', [...at, 'path']);
    return { kind: 'expression', program, path: raw.path, segments: pathSegments(raw.path, at) };
  }
  if ('cost' in raw) {
    checkKeys(raw, ['cost', 'gte', 'lte'], at);
    const measure = raw.cost;
    if (measure !== 'after' && measure !== 'delta') throw new AssertionError('cost is after (the monthly cost with the change) or delta (what the change adds)', [...at, 'cost']);
    const tests = (['gte', 'lte'] as const).flatMap((operator) => {
      if (!(operator in raw)) return [];
      const bound = raw[operator];
      if (typeof bound !== 'number') throw new AssertionError(`${operator} on a cost takes a number of US dollars a month`, [...at, operator]);
      return [{ operator, bound }];
    });
    if (tests.length === 0) throw new AssertionError('a cost assertion needs gte or lte', at);
    return { kind: 'cost', measure, tests };
  }
  if (typeof raw.path !== 'string') throw new AssertionError(`an assertion needs a path (with ${VALUE_OPERATORS.join(', ')}), a cost, or all, any or not`, at);
  checkKeys(raw, ['path', 'ifSet', ...VALUE_OPERATORS], at);
  if (raw.ifSet !== undefined && typeof raw.ifSet !== 'boolean') throw new AssertionError('ifSet takes true or false', [...at, 'ifSet']);
  const segments = pathSegments(raw.path, at);
  const tests = VALUE_OPERATORS.filter((operator) => operator in raw).map((operator) => valueTest(operator, raw[operator], at));
  if (tests.length === 0) throw new AssertionError(`path ${raw.path} needs an operator: ${VALUE_OPERATORS.join(', ')}`, at);
  return { kind: 'value', path: raw.path, segments, tests, ifSet: raw.ifSet === true };
}

/** Whether any leaf of the assertion (a path, cost or expression test) passes `test`. */
export function someLeaf(assertion: Assertion, test: (leaf: Exclude<Assertion, { kind: 'all' | 'any' | 'not' }>) => boolean): boolean {
  switch (assertion.kind) {
    case 'not':
      return someLeaf(assertion.item, test);
    case 'all':
    case 'any':
      return assertion.items.some((item) => someLeaf(item, test));
    default:
      return test(assertion);
  }
}

/** Why an assertion failed at one place: the dotted path (for the line) and what was there. */
export interface Evidence {
  /** Dotted, with list positions (`spec.template.spec.containers.0.image`); empty for the resource itself. */
  path: string;
  /** What the reader is told: `spec.template.spec.containers[0].image is "nginx:latest"`. */
  detail: string;
  /** The value is not set (as opposed to set to something that failed). */
  missing?: boolean;
}

export interface Outcome {
  ok: boolean;
  /** When ok, where it held (what `not` reports); when not, where it failed. */
  evidence: Evidence[];
}

export interface Subject {
  resource: Resource;
  /** The object on the base side, for a changed one (CEL's `oldObject`). */
  before?: Resource;
  cost: CostReport;
}

const MAX_SHOWN = 80;

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

function describeItem(item: Selected): Evidence {
  return item.present ? { path: item.path, detail: `${item.display} is ${shown(item.value)}` } : { path: item.path, detail: `${item.display} is not set`, missing: true };
}

function runExpression(program: CelProgram, subject: Subject, cost: ObjectCost, value: unknown): { ok: true } | { ok: false; why: string } {
  try {
    const variables = { object: subject.resource.attributes, oldObject: subject.before?.attributes ?? null, value, cost: 'unknown' in cost ? null : cost };
    return program.run(variables) ? { ok: true } : { ok: false, why: 'is false' };
  } catch (error) {
    return { ok: false, why: `failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''}` };
  }
}

/** The object's monthly cost after the change and what the change adds, or why it is not known; a free object costs 0. */
type ObjectCost = { after: number; delta: number } | { unknown: string };

function costOf({ resource, cost }: Subject): ObjectCost {
  const sameScope = (entry: { address: string; scope?: string }): boolean => entry.address === resource.address && entry.scope === resource.scope;
  const line = cost.lines.find(sameScope);
  if (line) return { after: line.after, delta: line.delta };
  const unpriced = cost.unpriced.find(sameScope);
  return unpriced ? { unknown: `its monthly cost is not known (${unpriced.reason})` } : { after: 0, delta: 0 };
}

/**
 * None of the alternatives held: one failure, not one per alternative, at the first value that is
 * set. Alternatives that only found nothing set (the CloudFormation spelling of a Terraform
 * policy) are left out of the detail when another found a value.
 */
function anyFailed(evidence: readonly Evidence[]): Evidence {
  const set = evidence.filter((item) => !item.missing);
  const shownEvidence = set.length > 0 ? set : evidence;
  const first = shownEvidence[0];
  return { path: first?.path ?? '', detail: [...new Set(shownEvidence.map((item) => item.detail))].join('; ') };
}

/** Evaluates an assertion on one resource; throws PolicyPathError when a path meets a list it does not enter with [*] or [N]. */
export function evaluateAssertion(assertion: Assertion, subject: Subject): Outcome {
  switch (assertion.kind) {
    case 'value': {
      const items = select(subject.resource.attributes, assertion.segments, assertion.path);
      const failing = items.filter((item) => !(assertion.ifSet && !item.present) && !assertion.tests.every((test) => test.test(item)));
      return failing.length === 0 ? { ok: true, evidence: items.map(describeItem) } : { ok: false, evidence: failing.map(describeItem) };
    }
    case 'cost': {
      const figures = costOf(subject);
      if ('unknown' in figures) return { ok: false, evidence: [{ path: '', detail: figures.unknown }] };
      const value = figures[assertion.measure];
      const label = assertion.measure === 'after' ? 'its monthly cost after the change' : 'the monthly cost the change adds';
      const ok = assertion.tests.every(({ operator, bound }) => (operator === 'gte' ? value >= bound : value <= bound));
      return { ok, evidence: [{ path: '', detail: `${label} is $${value.toFixed(2)}` }] };
    }
    case 'expression': {
      const { program, segments, path } = assertion;
      const cost = costOf(subject);
      if (!segments || path === undefined) {
        const result = runExpression(program, subject, cost, null);
        return { ok: result.ok, evidence: [{ path: '', detail: result.ok ? `${program.source} holds` : `${program.source} ${result.why}` }] };
      }
      const items = select(subject.resource.attributes, segments, path).map((item) => ({ item, result: runExpression(program, subject, cost, item.present ? item.value : null) }));
      const failing = items.flatMap(({ item, result }) => (result.ok ? [] : [{ path: item.path, detail: `${program.source} ${result.why} for ${item.display}` }]));
      return failing.length === 0 ? { ok: true, evidence: items.map(({ item }) => ({ path: item.path, detail: `${program.source} holds for ${item.display}` })) } : { ok: false, evidence: failing };
    }
    case 'all': {
      const outcomes = assertion.items.map((item) => evaluateAssertion(item, subject));
      const failed = outcomes.filter((outcome) => !outcome.ok);
      return failed.length === 0 ? { ok: true, evidence: outcomes.flatMap((outcome) => outcome.evidence) } : { ok: false, evidence: failed.flatMap((outcome) => outcome.evidence) };
    }
    case 'any': {
      const outcomes = assertion.items.map((item) => evaluateAssertion(item, subject));
      const held = outcomes.find((outcome) => outcome.ok);
      if (held) return held;
      return { ok: false, evidence: [anyFailed(outcomes.flatMap((outcome) => outcome.evidence))] };
    }
    case 'not': {
      const inner = evaluateAssertion(assertion.item, subject);
      return { ok: !inner.ok, evidence: inner.evidence };
    }
  }
}
