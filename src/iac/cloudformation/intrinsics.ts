import { containsUnknown, isRecord, isUnknown, unknownValue, type UnknownValue } from '../values.js';

/**
 * `Ref AWS::NoValue`: the property (or list item) is removed. A symbol, so it can never be confused
 * with data; `resolveValue` strips it from objects and lists, so it only escapes at the top level.
 */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export type ConditionValue = boolean | UnknownValue;

/** What a template declares that intrinsic functions may refer to. */
export interface ResolveContext {
  /** Known parameter values (defaults or overrides); parameters that are not known are absent. */
  readonly parameters: ReadonlyMap<string, unknown>;
  readonly mappings: Readonly<Record<string, unknown>>;
  readonly conditions: Readonly<Record<string, unknown>>;
  readonly region?: string;
  readonly conditionCache: Map<string, ConditionValue>;
  readonly evaluating: Set<string>;
}

/** Far deeper than any real template; past it a hostile file gets an unknown, not a stack overflow. */
const MAX_DEPTH = 64;

type Intrinsic = (argument: unknown, context: ResolveContext, depth: number) => unknown;


function isPrimitive(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** CloudFormation compares and concatenates parameter values as strings (`Default: 2` equals `'2'`). */
function asText(value: unknown): string | undefined {
  return isPrimitive(value) ? String(value) : undefined;
}

/** Longest description kept in an UnknownValue: enough to recognise the expression in a report. */
const MAX_DESCRIPTION = 200;

function summarise(value: unknown, depth: number): string {
  if (isUnknown(value)) return `{${value.__unknown}}`;
  if (value === NO_VALUE) return 'AWS::NoValue';
  if (isPrimitive(value)) return String(value);
  if (depth > 3) return '…';
  if (Array.isArray(value)) return `[${value.map((item) => summarise(item, depth + 1)).join(', ')}]`;
  if (isRecord(value)) return `{${Object.entries(value).map(([key, item]) => `${key}: ${summarise(item, depth + 1)}`).join(', ')}}`;
  return String(value);
}

/** How an expression reads in a report; bounded, because hostile templates can nest without end. */
function describe(value: unknown): string {
  const text = summarise(value, 0);
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION)}…` : text;
}

/** AWS::Partition and AWS::URLSuffix follow from the region, so they are known whenever it is. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function reference(name: string, context: ResolveContext): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  const region = context.region;
  if (name === 'AWS::Region') return region ?? unknownValue('Ref AWS::Region');
  if (name === 'AWS::Partition') return region ? partitionOf(region) : unknownValue('Ref AWS::Partition');
  if (name === 'AWS::URLSuffix') {
    if (!region) return unknownValue('Ref AWS::URLSuffix');
    return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  }
  if (context.parameters.has(name)) return context.parameters.get(name);
  return unknownValue(`Ref ${name}`);
}

function ref(argument: unknown, context: ResolveContext): unknown {
  return typeof argument === 'string' ? reference(argument, context) : unknownValue(`Ref ${describe(argument)}`);
}

function getAtt(argument: unknown): unknown {
  const parts = typeof argument === 'string' ? [argument] : Array.isArray(argument) ? argument : [argument];
  return unknownValue(`Fn::GetAtt ${parts.map(describe).join('.')}`);
}

const SUB_VARIABLE = /\$\{([^}]*)\}/g;

function sub(argument: unknown, context: ResolveContext, depth: number): unknown {
  const [template, rawVariables] = Array.isArray(argument) ? argument : [argument, undefined];
  if (typeof template !== 'string') return unknownValue(`Fn::Sub ${describe(template)}`);
  const variables = isRecord(rawVariables) ? rawVariables : {};
  let complete = true;
  const text = template.replace(SUB_VARIABLE, (whole, inner: string) => {
    // `${!Name}` is CloudFormation's escape for a literal `${Name}`.
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const name = inner.trim();
    let value: unknown;
    if (Object.hasOwn(variables, name)) value = resolveValue(variables[name], context, depth + 1);
    else if (name.includes('.')) value = unknownValue(`Fn::GetAtt ${name}`);
    else value = reference(name, context);
    const textValue = asText(value);
    if (textValue !== undefined) return textValue;
    complete = false;
    return isUnknown(value) ? `\${${value.__unknown}}` : whole;
  });
  return complete ? text : unknownValue(`Fn::Sub ${text}`);
}

function join(argument: unknown, context: ResolveContext, depth: number): unknown {
  if (!Array.isArray(argument) || argument.length !== 2) return unknownValue('Fn::Join (malformed: expects [delimiter, list])');
  const delimiter = resolveValue(argument[0], context, depth + 1);
  const list = resolveValue(argument[1], context, depth + 1);
  if (typeof delimiter !== 'string' || !Array.isArray(list)) return unknownValue(`Fn::Join ${describe(delimiter)} ${describe(list)}`);
  const parts = list.map((item) => asText(item));
  if (parts.every((part) => part !== undefined)) return parts.join(delimiter);
  return unknownValue(`Fn::Join ${list.map(describe).join(delimiter)}`);
}

function select(argument: unknown, context: ResolveContext, depth: number): unknown {
  if (!Array.isArray(argument) || argument.length !== 2) return unknownValue('Fn::Select (malformed: expects [index, list])');
  const index = Number(asText(resolveValue(argument[0], context, depth + 1)));
  const list = resolveValue(argument[1], context, depth + 1);
  if (!Number.isInteger(index) || !Array.isArray(list) || index < 0 || index >= list.length) {
    return unknownValue(`Fn::Select ${describe(argument[0])} of ${describe(list)}`);
  }
  return list[index];
}

function split(argument: unknown, context: ResolveContext, depth: number): unknown {
  if (!Array.isArray(argument) || argument.length !== 2) return unknownValue('Fn::Split (malformed: expects [delimiter, string])');
  const delimiter = resolveValue(argument[0], context, depth + 1);
  const source = asText(resolveValue(argument[1], context, depth + 1));
  if (typeof delimiter !== 'string' || delimiter === '' || source === undefined) return unknownValue(`Fn::Split ${describe(argument[0])} ${describe(argument[1])}`);
  return source.split(delimiter);
}

function sameValue(left: unknown, right: unknown): boolean {
  if (isPrimitive(left) && isPrimitive(right)) return String(left) === String(right);
  return JSON.stringify(left) === JSON.stringify(right);
}

function equals(argument: unknown, context: ResolveContext, depth: number): ConditionValue {
  if (!Array.isArray(argument) || argument.length !== 2) return unknownValue('Fn::Equals (malformed: expects two values)');
  const left = resolveValue(argument[0], context, depth + 1);
  const right = resolveValue(argument[1], context, depth + 1);
  if (containsUnknown(left) || containsUnknown(right)) return unknownValue(`Fn::Equals ${describe(left)} ${describe(right)}`);
  return sameValue(left, right);
}

function conditionList(name: string, argument: unknown, context: ResolveContext, depth: number): ConditionValue[] | UnknownValue {
  if (!Array.isArray(argument)) return unknownValue(`${name} (malformed: expects a list of conditions)`);
  return argument.map((item) => evaluateCondition(item, context, depth + 1));
}

function and(argument: unknown, context: ResolveContext, depth: number): ConditionValue {
  const values = conditionList('Fn::And', argument, context, depth);
  if (!Array.isArray(values)) return values;
  if (values.includes(false)) return false;
  return values.every((value) => value === true) ? true : unknownValue('Fn::And (some conditions unknown)');
}

function or(argument: unknown, context: ResolveContext, depth: number): ConditionValue {
  const values = conditionList('Fn::Or', argument, context, depth);
  if (!Array.isArray(values)) return values;
  if (values.includes(true)) return true;
  return values.every((value) => value === false) ? false : unknownValue('Fn::Or (some conditions unknown)');
}

function not(argument: unknown, context: ResolveContext, depth: number): ConditionValue {
  const operand = Array.isArray(argument) && argument.length === 1 ? argument[0] : undefined;
  if (operand === undefined) return unknownValue('Fn::Not (malformed: expects a list of one condition)');
  const value = evaluateCondition(operand, context, depth + 1);
  return typeof value === 'boolean' ? !value : value;
}

function ifFunction(argument: unknown, context: ResolveContext, depth: number): unknown {
  if (!Array.isArray(argument) || argument.length !== 3 || typeof argument[0] !== 'string') {
    return unknownValue('Fn::If (malformed: expects [condition name, value if true, value if false])');
  }
  const decided = namedCondition(argument[0], context, depth + 1);
  if (decided === true) return resolveValue(argument[1], context, depth + 1);
  if (decided === false) return resolveValue(argument[2], context, depth + 1);
  const whenTrue = resolveValue(argument[1], context, depth + 1);
  const whenFalse = resolveValue(argument[2], context, depth + 1);
  if (whenTrue !== NO_VALUE && sameValue(whenTrue, whenFalse)) return whenTrue;
  return unknownValue(`Fn::If ${argument[0]}`, [whenTrue, whenFalse].filter((value) => value !== NO_VALUE));
}

function uniqueValues(values: readonly unknown[]): unknown[] {
  const unique: unknown[] = [];
  for (const value of values) if (!unique.some((seen) => sameValue(seen, value))) unique.push(value);
  return unique;
}

function findInMap(argument: unknown, context: ResolveContext, depth: number): unknown {
  if (!Array.isArray(argument) || argument.length < 3) return unknownValue('Fn::FindInMap (malformed: expects [map, top-level key, second-level key])');
  const [mapName, topKey, secondKey] = argument.slice(0, 3).map((item) => resolveValue(item, context, depth + 1));
  const description = `Fn::FindInMap [${[mapName, topKey, secondKey].map(describe).join(', ')}]`;
  const mapping = typeof mapName === 'string' ? context.mappings[mapName] : undefined;
  if (!isRecord(mapping)) return unknownValue(description);
  const top = asText(topKey);
  const second = asText(secondKey);
  // With one key unknown the answer is still one of a few values: worth telling a pricer.
  if (top === undefined || second === undefined) {
    const rows = top !== undefined ? [mapping[top]] : Object.values(mapping);
    const candidates = rows.flatMap((row) => (isRecord(row) ? (second !== undefined ? [row[second]] : Object.values(row)) : []));
    const known = uniqueValues(candidates.filter((value) => value !== undefined));
    return known.length > 0 ? unknownValue(description, known) : unknownValue(description);
  }
  const row = mapping[top];
  const value = isRecord(row) ? row[second] : undefined;
  if (value !== undefined) return value;
  const fallback = argument[3];
  if (isRecord(fallback) && Object.hasOwn(fallback, 'DefaultValue')) return resolveValue(fallback.DefaultValue, context, depth + 1);
  return unknownValue(`${description} (no such entry)`);
}

function base64(argument: unknown, context: ResolveContext, depth: number): unknown {
  const value = resolveValue(argument, context, depth + 1);
  const text = asText(value);
  return text === undefined ? unknownValue(`Fn::Base64 ${describe(value)}`) : Buffer.from(text, 'utf8').toString('base64');
}

function length(argument: unknown, context: ResolveContext, depth: number): unknown {
  const list = resolveValue(argument, context, depth + 1);
  return Array.isArray(list) ? list.length : unknownValue(`Fn::Length ${describe(list)}`);
}

function toJsonString(argument: unknown, context: ResolveContext, depth: number): unknown {
  const value = resolveValue(argument, context, depth + 1);
  return containsUnknown(value) ? unknownValue('Fn::ToJsonString (contains unknown values)') : JSON.stringify(value);
}

/** Functions whose result exists only at deploy time, whatever their arguments. */
function deployTime(name: string): Intrinsic {
  return (argument) => unknownValue(`${name} ${describe(argument)}`);
}

const INTRINSICS: Readonly<Record<string, Intrinsic>> = {
  Ref: (argument, context) => ref(argument, context),
  'Fn::GetAtt': (argument) => getAtt(argument),
  'Fn::Sub': sub,
  'Fn::Join': join,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::If': ifFunction,
  'Fn::Equals': equals,
  'Fn::And': and,
  'Fn::Or': or,
  'Fn::Not': not,
  'Fn::FindInMap': findInMap,
  'Fn::Base64': base64,
  'Fn::Length': length,
  'Fn::ToJsonString': toJsonString,
  'Fn::Cidr': deployTime('Fn::Cidr'),
  'Fn::GetAZs': deployTime('Fn::GetAZs'),
  'Fn::ImportValue': deployTime('Fn::ImportValue'),
  'Fn::Transform': deployTime('Fn::Transform'),
};

/** An intrinsic function call: a mapping with exactly one key, and that key a function name. */
export function intrinsicName(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  const name = keys[0];
  return keys.length === 1 && name !== undefined && Object.hasOwn(INTRINSICS, name) ? name : undefined;
}

/**
 * Evaluates every intrinsic function whose inputs are known; what is not known becomes an
 * UnknownValue, never a guess. `Ref AWS::NoValue` removes the property or list item it stands in.
 */
export function resolveValue(value: unknown, context: ResolveContext, depth = 0): unknown {
  if (depth > MAX_DEPTH) return unknownValue('nested too deeply to evaluate');
  if (Array.isArray(value)) {
    return value.map((item) => resolveValue(item, context, depth + 1)).filter((item) => item !== NO_VALUE);
  }
  if (!isRecord(value) || isUnknown(value)) return value;
  const name = intrinsicName(value);
  const intrinsic = name === undefined ? undefined : INTRINSICS[name];
  if (name !== undefined && intrinsic) return intrinsic(value[name], context, depth);
  const resolved: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const result = resolveValue(item, context, depth + 1);
    if (result !== NO_VALUE) resolved[key] = result;
  }
  return resolved;
}

/** The value of a condition declared under `Conditions`, evaluated once and remembered. */
export function namedCondition(name: string, context: ResolveContext, depth = 0): ConditionValue {
  const cached = context.conditionCache.get(name);
  if (cached !== undefined) return cached;
  if (!Object.hasOwn(context.conditions, name)) return unknownValue(`Condition ${name} (not declared under Conditions)`);
  if (context.evaluating.has(name)) return unknownValue(`Condition ${name} (refers to itself)`);
  context.evaluating.add(name);
  const value = evaluateCondition(context.conditions[name], context, depth + 1);
  context.evaluating.delete(name);
  context.conditionCache.set(name, value);
  return value;
}

/** A condition expression: `{Condition: Name}`, a condition function, or a literal boolean. */
export function evaluateCondition(expression: unknown, context: ResolveContext, depth = 0): ConditionValue {
  if (depth > MAX_DEPTH) return unknownValue('condition nested too deeply to evaluate');
  if (isRecord(expression) && Object.keys(expression).length === 1 && typeof expression.Condition === 'string') {
    return namedCondition(expression.Condition, context, depth + 1);
  }
  const value = resolveValue(expression, context, depth + 1);
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return isUnknown(value) ? value : unknownValue(`condition ${describe(value)} is not true or false`);
}
