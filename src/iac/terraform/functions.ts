/**
 * The Terraform built-in functions real configurations use most, on known values only. The
 * evaluator calls them after checking that no argument is unknown or sensitive; a function that is
 * missing here, or reads the file system or the clock, leaves the value unknown.
 */

/** A Terraform evaluation error (wrong type, missing key): `try`/`can` catch it, attributes become unknown. */
export class EvalError extends Error {
  override name = 'EvalError';
}

export type Value = unknown;
type Fn = (args: Value[]) => Value;

export function isMap(value: Value): value is Record<string, Value> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('__unknown' in value) && !('__sensitive' in value);
}

function list(value: Value, name: string): Value[] {
  if (Array.isArray(value)) return value;
  throw new EvalError(`${name}: expected a list, got ${typeName(value)}`);
}

function map(value: Value, name: string): Record<string, Value> {
  if (isMap(value)) return value;
  throw new EvalError(`${name}: expected a map or object, got ${typeName(value)}`);
}

export function typeName(value: Value): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (isMap(value)) return 'object';
  return typeof value;
}

/** Terraform's automatic conversions: numbers and booleans read as strings, numeric strings as numbers. */
export function toStringValue(value: Value, name = 'tostring'): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new EvalError(`${name}: cannot convert ${typeName(value)} to string`);
}

export function toNumberValue(value: Value, name = 'tonumber'): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  throw new EvalError(`${name}: cannot convert ${JSON.stringify(value) ?? typeName(value)} to number`);
}

function integer(value: Value, name: string): number {
  const number = toNumberValue(value, name);
  if (!Number.isInteger(number)) throw new EvalError(`${name}: expected a whole number, got ${number}`);
  return number;
}

export function deepEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isMap(a) && isMap(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && deepEqual(a[key], b[key]));
  }
  return false;
}

/** Sets are kept as lists without duplicates; strings in lexical order, as Terraform iterates them. */
export function toSet(values: readonly Value[]): Value[] {
  const unique: Value[] = [];
  for (const value of values) if (!unique.some((existing) => deepEqual(existing, value))) unique.push(value);
  return unique.every((value) => typeof value === 'string') ? (unique as string[]).sort() : unique;
}

function flatten(values: readonly Value[], depth = 0): Value[] {
  if (depth > 64) throw new EvalError('flatten: nested too deeply');
  const result: Value[] = [];
  for (const value of values) {
    if (Array.isArray(value)) result.push(...flatten(value, depth + 1));
    else result.push(value);
  }
  return result;
}

/** `format` verbs: %s %d %f %v %q %t and %%; widths and precision for numbers. */
function format(args: Value[]): string {
  const [spec, ...rest] = args;
  const pattern = toStringValue(spec, 'format');
  let next = 0;
  return pattern.replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdfvqt%])/g, (_match, flags: string, width: string, precision: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (next >= rest.length) throw new EvalError('format: not enough arguments for the format string');
    const value = rest[next++];
    let text: string;
    switch (verb) {
      case 'd':
        text = String(Math.trunc(toNumberValue(value, 'format')));
        break;
      case 'f':
        text = toNumberValue(value, 'format').toFixed(precision === undefined ? 6 : Number(precision));
        break;
      case 'q':
        text = JSON.stringify(toStringValue(value, 'format'));
        break;
      case 't':
        text = String(value === true);
        break;
      case 'v':
        text = typeof value === 'object' && value !== null ? JSON.stringify(value) : toStringValue(value, 'format');
        break;
      default:
        text = toStringValue(value, 'format');
    }
    if (!width) return text;
    if (flags.includes('-')) return text.padEnd(Number(width));
    return flags.includes('0') && (verb === 'd' || verb === 'f') ? text.padStart(Number(width), '0') : text.padStart(Number(width));
  });
}

function lookup(args: Value[]): Value {
  const [object, key, fallback] = args;
  const entries = map(object, 'lookup');
  const name = toStringValue(key, 'lookup');
  if (Object.hasOwn(entries, name)) return entries[name];
  if (args.length >= 3) return fallback;
  throw new EvalError(`lookup: the map has no key "${name}" and no default was given`);
}

function element(args: Value[]): Value {
  const items = list(args[0], 'element');
  if (items.length === 0) throw new EvalError('element: the list is empty');
  const index = integer(args[1], 'element');
  return items[((index % items.length) + items.length) % items.length];
}

function length(args: Value[]): number {
  const [value] = args;
  if (typeof value === 'string') return [...value].length;
  if (Array.isArray(value)) return value.length;
  if (isMap(value)) return Object.keys(value).length;
  throw new EvalError(`length: expected a string, list or map, got ${typeName(value)}`);
}

function merge(args: Value[]): Value {
  const result: Record<string, Value> = {};
  for (const arg of args) {
    if (arg === null) continue;
    Object.assign(result, map(arg, 'merge'));
  }
  return result;
}

function range(args: Value[]): number[] {
  const numbers = args.map((arg) => toNumberValue(arg, 'range'));
  const [start, end, step] = numbers.length === 1 ? [0, numbers[0] ?? 0, 1] : [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? (numbers[0] ?? 0) <= (numbers[1] ?? 0) ? 1 : -1];
  if (step === 0) throw new EvalError('range: step must not be zero');
  const result: number[] = [];
  for (let value = start; step > 0 ? value < end : value > end; value += step) {
    if (result.length >= 1024) throw new EvalError('range: more than 1024 elements');
    result.push(value);
  }
  return result;
}

function zipmap(args: Value[]): Record<string, Value> {
  const keys = list(args[0], 'zipmap');
  const values = list(args[1], 'zipmap');
  if (keys.length !== values.length) throw new EvalError('zipmap: the key and value lists differ in length');
  return Object.fromEntries(keys.map((key, i) => [toStringValue(key, 'zipmap'), values[i]]));
}

function substr(args: Value[]): string {
  const chars = [...toStringValue(args[0], 'substr')];
  const offset = integer(args[1], 'substr');
  const size = integer(args[2], 'substr');
  const start = offset < 0 ? chars.length + offset : offset;
  return chars.slice(start, size < 0 ? undefined : start + size).join('');
}

function replace(args: Value[]): string {
  const [text, search, replacement] = args.map((arg) => toStringValue(arg, 'replace'));
  if (text === undefined || search === undefined || replacement === undefined) throw new EvalError('replace: expects three arguments');
  if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
    try {
      return text.replace(new RegExp(search.slice(1, -1), 'g'), replacement.replace(/\$\{(\d+)\}/g, '$$$1'));
    } catch {
      throw new EvalError(`replace: invalid regular expression ${search}`);
    }
  }
  return text.split(search).join(replacement);
}

function coalesce(args: Value[]): Value {
  for (const arg of args) if (arg !== null && arg !== '') return arg;
  throw new EvalError('coalesce: no non-null, non-empty argument');
}

function numbers(args: Value[], name: string): number[] {
  if (args.length === 0) throw new EvalError(`${name}: expects at least one argument`);
  return args.map((arg) => toNumberValue(arg, name));
}

const FUNCTIONS: Record<string, Fn> = {
  abs: ([value]) => Math.abs(toNumberValue(value, 'abs')),
  ceil: ([value]) => Math.ceil(toNumberValue(value, 'ceil')),
  floor: ([value]) => Math.floor(toNumberValue(value, 'floor')),
  min: (args) => Math.min(...numbers(args, 'min')),
  max: (args) => Math.max(...numbers(args, 'max')),
  parseint: ([value, base]) => {
    const parsed = Number.parseInt(toStringValue(value, 'parseint'), integer(base, 'parseint'));
    if (Number.isNaN(parsed)) throw new EvalError('parseint: not a number');
    return parsed;
  },
  lower: ([value]) => toStringValue(value, 'lower').toLowerCase(),
  upper: ([value]) => toStringValue(value, 'upper').toUpperCase(),
  title: ([value]) => toStringValue(value, 'title').replace(/\b\w/g, (c) => c.toUpperCase()),
  trimspace: ([value]) => toStringValue(value, 'trimspace').trim(),
  trimprefix: ([value, prefix]) => {
    const text = toStringValue(value, 'trimprefix');
    const start = toStringValue(prefix, 'trimprefix');
    return text.startsWith(start) ? text.slice(start.length) : text;
  },
  trimsuffix: ([value, suffix]) => {
    const text = toStringValue(value, 'trimsuffix');
    const end = toStringValue(suffix, 'trimsuffix');
    return end !== '' && text.endsWith(end) ? text.slice(0, -end.length) : text;
  },
  join: ([separator, ...lists]) => lists.flatMap((items) => list(items, 'join')).map((item) => toStringValue(item, 'join')).join(toStringValue(separator, 'join')),
  split: ([separator, text]) => toStringValue(text, 'split').split(toStringValue(separator, 'split')),
  format: (args) => format(args),
  formatlist: ([spec, ...lists]) => {
    const lengths = lists.filter(Array.isArray).map((items) => items.length);
    const count = lengths.length === 0 ? 1 : Math.min(...lengths);
    return Array.from({ length: count }, (_, i) => format([spec, ...lists.map((items) => (Array.isArray(items) ? items[i] : items))]));
  },
  replace: (args) => replace(args),
  substr: (args) => substr(args),
  startswith: ([value, prefix]) => toStringValue(value, 'startswith').startsWith(toStringValue(prefix, 'startswith')),
  endswith: ([value, suffix]) => toStringValue(value, 'endswith').endsWith(toStringValue(suffix, 'endswith')),
  tostring: ([value]) => (value === null ? null : toStringValue(value)),
  tonumber: ([value]) => (value === null ? null : toNumberValue(value)),
  tobool: ([value]) => {
    if (value === null || typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new EvalError(`tobool: cannot convert ${typeName(value)} to bool`);
  },
  tolist: ([value]) => list(value, 'tolist'),
  toset: ([value]) => toSet(list(value, 'toset')),
  tomap: ([value]) => map(value, 'tomap'),
  concat: (args) => args.flatMap((arg) => list(arg, 'concat')),
  coalesce: (args) => coalesce(args),
  coalescelist: (args) => {
    for (const arg of args) if (list(arg, 'coalescelist').length > 0) return arg;
    throw new EvalError('coalescelist: every list is empty');
  },
  compact: ([value]) => list(value, 'compact').filter((item) => item !== null && item !== ''),
  contains: ([items, value]) => list(items, 'contains').some((item) => deepEqual(item, value)),
  distinct: ([value]) => list(value, 'distinct').filter((item, i, all) => all.findIndex((other) => deepEqual(other, item)) === i),
  element: (args) => element(args),
  flatten: ([value]) => flatten(list(value, 'flatten')),
  index: ([items, value]) => {
    const found = list(items, 'index').findIndex((item) => deepEqual(item, value));
    if (found === -1) throw new EvalError('index: the value is not in the list');
    return found;
  },
  keys: ([value]) => Object.keys(map(value, 'keys')).sort(),
  values: ([value]) => {
    const entries = map(value, 'values');
    return Object.keys(entries)
      .sort()
      .map((key) => entries[key]);
  },
  length: (args) => length(args),
  lookup: (args) => lookup(args),
  merge: (args) => merge(args),
  range: (args) => range(args),
  reverse: ([value]) => [...list(value, 'reverse')].reverse(),
  slice: ([value, start, end]) => list(value, 'slice').slice(integer(start, 'slice'), integer(end, 'slice')),
  sort: ([value]) => list(value, 'sort').map((item) => toStringValue(item, 'sort')).sort(),
  zipmap: (args) => zipmap(args),
  one: ([value]) => {
    const items = list(value, 'one');
    if (items.length > 1) throw new EvalError('one: the list has more than one element');
    return items[0] ?? null;
  },
  jsonencode: ([value]) => JSON.stringify(value),
};

export function isKnownFunction(name: string): boolean {
  return Object.hasOwn(FUNCTIONS, name);
}

/** Calls a built-in on known arguments; `undefined` when tollgate does not evaluate that function. */
export function callFunction(name: string, args: Value[]): Value {
  const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!fn) return undefined;
  try {
    return fn(args);
  } catch (error) {
    if (error instanceof EvalError) throw error;
    // A RangeError from a huge spread or string is the input's problem, not a crash.
    throw new EvalError(`${name}: ${error instanceof Error ? error.message : 'failed'}`);
  }
}
