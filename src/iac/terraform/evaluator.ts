import { SENSITIVE, isSensitive, isUnknown, unknownValue } from '../values.js';
import type { Node } from './expression.js';
import { EvalError, callFunction, deepEqual, isKnownFunction, isMap, toNumberValue, toStringValue, typeName, type Value } from './functions.js';

/**
 * What an expression can see. `var`, `path` and `terraform` are plain values; `local.x` and
 * `module.x` are resolved on demand, so locals may be declared in any order and a cycle is noticed.
 */
export interface Scope {
  variables: Record<string, Value>;
  local: (name: string) => Value;
  module: (name: string) => Value;
  path: Record<string, Value>;
  /** `each`, `count`, for-expression and splat variables, innermost last. */
  bindings: ReadonlyMap<string, Value>;
  /** Inside `try`/`can`: a missing attribute is the error they catch, as a missing map key is in Terraform. */
  missingIsError?: boolean;
  /**
   * `aws_instance.web`: a managed resource declared in this module, as its configuration gives it
   * (see `resourceInstance`); undefined when none is declared or it refers back to itself.
   */
  resource?: (type: string, name: string) => Value | undefined;
  /**
   * In `count` and `for_each`, a resource reads as its instances, so `for_each` over another
   * resource expands as Terraform's plan does. Elsewhere a reference stays an unknown that names
   * the resource (`azurerm_resource_group.main.name`): pricing follows that name to the resource.
   */
  readsResources?: boolean;
}

/** Resource instances' configured attributes, by the object that holds them, to the instance's address. */
const RESOURCE_INSTANCES = new WeakMap<object, string>();

/**
 * Marks `attributes` as the instance at `address`. Terraform knows a resource's configured
 * arguments when it plans; every other attribute (`id`, `arn`) is computed, so reading one gives
 * an unknown value that names the instance, `aws_vpc.main.id`, which is how pricing finds the
 * resource another one points at. The address is the one a reference inside the module writes
 * (no `module.x.` prefix), so `aws_subnet.a[0].id` read directly and through
 * `aws_subnet.a[*].id` is one value.
 */
export function resourceInstance(attributes: Record<string, Value>, address: string): Record<string, Value> {
  RESOURCE_INSTANCES.set(attributes, address);
  return attributes;
}

export function withBindings(scope: Scope, bindings: Record<string, Value>): Scope {
  const merged = new Map(scope.bindings);
  for (const [name, value] of Object.entries(bindings)) merged.set(name, value);
  return { ...scope, bindings: merged };
}

/** Objects Terraform knows only after apply: other resources, data sources, `self`. */
const APPLY_TIME_ROOTS = new Set(['data', 'self']);

/** Deeper than this is not a real configuration; the cap keeps recursion far from the stack limit. */
const MAX_DEPTH = 200;
/** A slice this long of a list known only later stays unknown: its length would be written by the file, not by a real plan. */
const MAX_SLICED_UNKNOWNS = 1000;

/** A readable name for a node, for unknown values: `aws_vpc.main.id`, `var.tags["env"]`. */
export function describeNode(node: Node, depth = 0): string {
  if (depth > 20) return '…';
  switch (node.kind) {
    case 'variable':
      return node.name;
    case 'attribute':
      return `${describeNode(node.target, depth + 1)}.${node.name}`;
    case 'index':
      return `${describeNode(node.target, depth + 1)}[${node.key.kind === 'literal' ? JSON.stringify(node.key.value) : describeNode(node.key, depth + 1)}]`;
    case 'splat':
      return `${describeNode(node.target, depth + 1)}[*]${describeNode(node.each, depth + 1)}`;
    case 'splat-item':
      return '';
    case 'call':
      return `${node.name}(…)`;
    case 'literal':
      return JSON.stringify(node.value);
    case 'opaque':
      return node.text;
    default:
      return 'an expression';
  }
}

/** The description of the first value known only later inside `value`: what a reader can look up to see why a result is unknown. */
function firstUnknown(value: Value, depth = 0): string | undefined {
  if (isUnknown(value)) return value.__unknown;
  if (depth > 64) return undefined;
  const children = Array.isArray(value) ? value : isMap(value) ? Object.values(value) : [];
  for (const child of children) {
    const found = firstUnknown(child, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `aws_subnet.private[*]` from `distinct(…) of concat(…) of aws_subnet.private[*]`: nested calls say nothing a reader can look up. */
function rootCause(description: string): string {
  return description.replace(/^(?:[\w]+\(…\) of )+/, '');
}

function hasUnknownOrSensitive(value: Value, depth = 0): 'unknown' | 'sensitive' | undefined {
  if (isSensitive(value)) return 'sensitive';
  if (isUnknown(value)) return 'unknown';
  if (depth > 64) return 'unknown';
  const children = Array.isArray(value) ? value : isMap(value) ? Object.values(value) : [];
  let found: 'unknown' | 'sensitive' | undefined;
  for (const child of children) {
    const inner = hasUnknownOrSensitive(child, depth + 1);
    if (inner === 'sensitive') return 'sensitive';
    if (inner) found = inner;
  }
  return found;
}

/** Evaluates a node; a Terraform error throws EvalError, which `try`/`can` and the callers catch. */
export function evaluate(node: Node, scope: Scope, depth = 0): Value {
  if (depth > MAX_DEPTH) throw new EvalError('expression nested too deeply');
  const next = (child: Node, inner: Scope = scope): Value => evaluate(child, inner, depth + 1);
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'opaque':
      return unknownValue(node.text);
    case 'template':
      return evaluateTemplate(node, next);
    case 'tuple':
      return node.items.map((item) => next(item));
    case 'object': {
      const result: Record<string, Value> = {};
      for (const item of node.items) {
        const key = typeof item.key === 'string' ? item.key : next(item.key);
        if (isUnknown(key) || isSensitive(key)) return unknownValue(`an object with a key known only later (${describeNode(typeof item.key === 'string' ? node : item.key)})`);
        result[toStringValue(key, 'object key')] = next(item.value);
      }
      return result;
    }
    case 'variable':
      return variable(node.name, scope);
    case 'attribute':
      return attribute(node, scope, next);
    case 'index': {
      const target = next(node.target);
      const key = next(node.key);
      return index(target, key, node);
    }
    case 'splat':
      return splat(node, scope, next);
    case 'splat-item':
      return scope.bindings.get('\0splat');
    case 'call':
      return call(node, scope, next);
    case 'unary': {
      const operand = next(node.operand);
      if (isSensitive(operand)) return SENSITIVE;
      if (isUnknown(operand)) return unknownValue(`${node.operator}${operand.__unknown}`);
      if (node.operator === '!') {
        if (typeof operand !== 'boolean') throw new EvalError(`! expects a bool, got ${typeName(operand)}`);
        return !operand;
      }
      return -toNumberValue(operand, '-');
    }
    case 'binary':
      return binary(node.operator, next(node.left), next(node.right));
    case 'conditional':
      return conditional(node, next);
    case 'for':
      return forExpression(node, scope, next);
    case 'template-for':
      return joinedTemplates(forExpression(node.loop, scope, next));
  }
}

/** The iterations of a `%{ for }` directive as one string; unknown when the collection or any iteration is. */
function joinedTemplates(iterations: Value): Value {
  if (isSensitive(iterations) || isUnknown(iterations)) return iterations;
  if (!Array.isArray(iterations)) throw new EvalError('a for directive produced no list');
  const hidden = hasUnknownOrSensitive(iterations);
  if (hidden === 'sensitive') return SENSITIVE;
  if (hidden === 'unknown') {
    const first = iterations.find(isUnknown);
    return unknownValue(`a for directive with an iteration known only later${first ? ` (${first.__unknown})` : ''}`);
  }
  return iterations.map((text) => toStringValue(text, 'template')).join('');
}

function variable(name: string, scope: Scope): Value {
  if (scope.bindings.has(name)) return scope.bindings.get(name);
  switch (name) {
    case 'var':
      return scope.variables;
    case 'path':
      return scope.path;
    case 'terraform':
      return { workspace: unknownValue('terraform.workspace') };
    case 'each':
    case 'count':
      throw new EvalError(`\`${name}\` is used where no ${name === 'each' ? 'for_each' : 'count'} is set`);
    default:
      return unknownValue(name);
  }
}

function attribute(node: Extract<Node, { kind: 'attribute' }>, scope: Scope, next: (child: Node) => Value): Value {
  const { target } = node;
  if (target.kind === 'variable' && !scope.bindings.has(target.name)) {
    if (target.name === 'local') return scope.local(node.name);
    if (target.name === 'module') return scope.module(node.name);
    if (target.name === 'var' && !Object.hasOwn(scope.variables, node.name)) throw new EvalError(`no variable named "${node.name}" is declared`);
    if (APPLY_TIME_ROOTS.has(target.name) || !['var', 'path', 'terraform', 'each', 'count'].includes(target.name)) {
      const declared = scope.readsResources && !APPLY_TIME_ROOTS.has(target.name) ? scope.resource?.(target.name, node.name) : undefined;
      return declared ?? unknownValue(`${describeNode(node)} (known after apply)`);
    }
  }
  const value = next(target);
  if (isSensitive(value)) return SENSITIVE;
  // An instance named by an evaluated key keeps that key: `aws_subnet.private[0].id`, not `[count.index]`.
  if (isUnknown(value)) return unknownValue(/^[\w.-]+\[("[^"]*"|\d+)\](\.[\w-]+)*$/.test(value.__unknown) ? `${value.__unknown}.${node.name}` : describeNode(node));
  if (isMap(value)) {
    if (Object.hasOwn(value, node.name)) return value[node.name];
    const instance = RESOURCE_INSTANCES.get(value);
    if (instance !== undefined) return unknownValue(`${instance}.${node.name}`);
    // Terraform fills an object's optional(...) attributes with null and rejects any other missing one
    // at plan time; the variable types that declare them are not evaluated here, so outside try/can a
    // missing attribute reads as the null it is in every configuration that plans.
    if (!scope.missingIsError) return null;
    throw new EvalError(`${describeNode(target)} has no attribute "${node.name}"`);
  }
  if (value === null) throw new EvalError(`cannot read "${node.name}" of null`);
  throw new EvalError(`cannot read "${node.name}" of a ${typeName(value)}`);
}

/** `aws_subnet.private[0]`: an unknown that names an instance by a key known now, so pricing can follow it to that instance. */
function indexedReference(node: Node, key: Value): string | undefined {
  if (node.kind !== 'index' || (typeof key !== 'string' && typeof key !== 'number')) return undefined;
  return `${describeNode(node.target)}[${JSON.stringify(key)}]`;
}

function index(target: Value, key: Value, node: Node): Value {
  if (isSensitive(target) || isSensitive(key)) return SENSITIVE;
  if (isUnknown(target) && !isUnknown(key)) return unknownValue(indexedReference(node, key) ?? describeNode(node));
  if (isUnknown(target) || isUnknown(key)) return unknownValue(describeNode(node));
  if (Array.isArray(target)) {
    const position = toNumberValue(key, 'index');
    if (!Number.isInteger(position) || position < 0 || position >= target.length) throw new EvalError(`index ${position} is out of range (${target.length} elements)`);
    return target[position];
  }
  if (isMap(target)) {
    const name = toStringValue(key, 'index');
    if (Object.hasOwn(target, name)) return target[name];
    throw new EvalError(`no key "${name}"`);
  }
  throw new EvalError(`cannot index a ${typeName(target)}`);
}

/**
 * `aws_subnet.private[*].id` reads the resource as its instances, as in `count`: a list of one
 * named unknown per subnet when the count is known (`aws_subnet.private[0].id`, …), so `element`,
 * `length` and `distinct` see its elements, and a reference rewritten from `aws_subnet.private[0].id`
 * to `element(aws_subnet.private[*].id, 0)` is the same value, not a change.
 */
function splat(node: Extract<Node, { kind: 'splat' }>, scope: Scope, next: (child: Node, inner?: Scope) => Value): Value {
  const target = next(node.target, { ...scope, readsResources: true });
  if (isSensitive(target)) return SENSITIVE;
  if (isUnknown(target)) return unknownValue(describeNode(node));
  const items = target === null ? [] : Array.isArray(target) ? target : [target];
  return items.map((item) => next(node.each, withBindings(scope, { '\0splat': item })));
}

/** HCL returns the value of a template that is one interpolation (`"${var.n}"`) as it is, not as a string. */
function evaluateTemplate(node: Extract<Node, { kind: 'template' }>, next: (child: Node) => Value): Value {
  const [only] = node.parts;
  if (node.parts.length === 1 && only !== undefined && typeof only !== 'string') return next(only);
  let text = '';
  let unknown: string | undefined;
  for (const part of node.parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const value = next(part);
    if (isSensitive(value)) return SENSITIVE;
    if (isUnknown(value)) {
      unknown ??= value.__unknown;
      text += `\${${value.__unknown}}`;
      continue;
    }
    if (value === null) throw new EvalError('a template cannot interpolate null');
    text += toStringValue(value, 'template');
  }
  return unknown === undefined ? text : unknownValue(text);
}

/** `try` and `can` catch evaluation errors; an unknown argument leaves `try` unknown, as in Terraform. */
function call(node: Extract<Node, { kind: 'call' }>, scope: Scope, next: (child: Node, inner?: Scope) => Value): Value {
  if (node.name === 'try' || node.name === 'can') {
    for (const arg of node.args) {
      try {
        const value = next(arg, { ...scope, missingIsError: true });
        if (node.name === 'can') return hasUnknownOrSensitive(value) === 'unknown' ? unknownValue(`can(${describeNode(arg)})`) : true;
        return value;
      } catch (error) {
        if (!(error instanceof EvalError)) throw error;
        if (node.name === 'can') return false;
      }
    }
    if (node.name === 'can') return false;
    throw new EvalError('try: every argument failed');
  }
  if (!isKnownFunction(node.name)) return unknownValue(`${node.name}(…) is not evaluated by tollgate`);
  const args = node.args.map((arg) => next(arg));
  if (node.expandLast) {
    const last = args.pop();
    if (isUnknown(last)) return unknownValue(`${node.name}(…)`);
    if (!Array.isArray(last)) throw new EvalError(`${node.name}: \`...\` expects a list`);
    args.push(...last);
  }
  const hidden = hasUnknownOrSensitive(args);
  if (hidden === 'sensitive') return SENSITIVE;
  if (hidden === 'unknown') {
    const sliced = sliceOfUnknown(node.name, args);
    if (sliced) return sliced;
    const first = firstOfUnknownSplat(node.name, args);
    if (first) return first;
    if (movesKnownElements(node.name, args)) return callFunction(node.name, args);
    // Some results do not depend on the unknown parts: the length of a list of unknowns, a merge key.
    if (node.name !== 'length' || !Array.isArray(args[0])) return unknownValue(`${node.name}(…) of ${rootCause(firstUnknown(args) ?? 'a value known only later')}`);
  }
  return callFunction(node.name, args);
}

/**
 * `slice(list, start, end)` of a list known only later, with known bounds: end − start unknown
 * elements. Terraform fails the plan when the list is shorter, so every plan that succeeds has that
 * length; `slice(data.aws_availability_zones.available.names, 0, 3)` is three zones, and the
 * subnets, route tables and NAT gateways counted from them are too.
 */
function sliceOfUnknown(name: string, args: Value[]): Value[] | undefined {
  const [list, start, end] = args;
  if (name !== 'slice' || !isUnknown(list) || !Number.isInteger(start) || !Number.isInteger(end)) return undefined;
  const from = start as number;
  const to = end as number;
  if (from < 0 || to < from || to - from > MAX_SLICED_UNKNOWNS) return undefined;
  return Array.from({ length: to - from }, (_, offset) => unknownValue(`${list.__unknown}[${from + offset}]`));
}

/**
 * Functions that only pick or join the elements of lists whose length is known: their result is
 * those elements, unknown or not. `element(aws_route_table.public[*].id, 0)` is
 * `aws_route_table.public[0].id`, the same value a plain reference gives, so rewriting one as the
 * other is no change.
 */
/**
 * `element(aws_route_table.public[*].id, 0)` over instances whose count is known only at apply:
 * Terraform fails the plan on an empty list, so in every plan that succeeds it is
 * `aws_route_table.public[0].id`, the value a plain reference names. Only index 0: another index
 * wraps around a length nobody knows yet.
 */
function firstOfUnknownSplat(name: string, args: Value[]): Value | undefined {
  const [list, position] = args;
  if (name !== 'element' || position !== 0 || !isUnknown(list)) return undefined;
  const splat = /^([\w.-]+)\[\*\]((?:\.[\w-]+)*)$/.exec(list.__unknown);
  return splat ? unknownValue(`${splat[1]}[0]${splat[2]}`) : undefined;
}

function movesKnownElements(name: string, args: Value[]): boolean {
  const [first, ...rest] = args;
  if (name === 'concat') return args.every(Array.isArray);
  if (name === 'element' || name === 'slice') return Array.isArray(first) && rest.every((bound) => Number.isInteger(bound));
  return false;
}

/**
 * What `&&` (false) or `||` (true) yields from one known operand whatever the other is; undefined
 * when neither operand decides. Terraform short-circuits so since 1.12, and modules rely on it:
 * `var.enable_ipv6 && length(data.….names) > 0 ? n : 0` is a known 0 when IPv6 is off.
 */
function decidedLogical(operator: string, left: Value, right: Value): boolean | undefined {
  if (operator !== '&&' && operator !== '||') return undefined;
  const deciding = operator === '||';
  return left === deciding || right === deciding ? deciding : undefined;
}

function binary(operator: string, left: Value, right: Value): Value {
  if (isSensitive(left) || isSensitive(right)) return SENSITIVE;
  // `x > 3` with x known only later is as unknown as x, and x is what a reader can look up: the
  // known operand adds nothing to the reason. With both unknown, both are named.
  if (isUnknown(left)) return decidedLogical(operator, left, right) ?? unknownValue(isUnknown(right) ? `${left.__unknown} ${operator} ${right.__unknown}` : left.__unknown);
  if (isUnknown(right)) return decidedLogical(operator, left, right) ?? unknownValue(right.__unknown);
  switch (operator) {
    case '==':
      return deepEqual(left, right) || (typeof left !== typeof right && left !== null && right !== null && String(left) === String(right) && typeof left !== 'object');
    case '!=':
      return !binary('==', left, right);
    case '&&':
    case '||':
      if (typeof left !== 'boolean' || typeof right !== 'boolean') throw new EvalError(`${operator} expects bools`);
      return operator === '&&' ? left && right : left || right;
    default: {
      const a = toNumberValue(left, operator);
      const b = toNumberValue(right, operator);
      switch (operator) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          if (b === 0) throw new EvalError('division by zero');
          return a / b;
        case '%':
          if (b === 0) throw new EvalError('modulo by zero');
          return a % b;
        case '<':
          return a < b;
        case '>':
          return a > b;
        case '<=':
          return a <= b;
        case '>=':
          return a >= b;
        default:
          throw new EvalError(`unknown operator ${operator}`);
      }
    }
  }
}

function conditional(node: Extract<Node, { kind: 'conditional' }>, next: (child: Node) => Value): Value {
  const condition = next(node.condition);
  if (isSensitive(condition)) return SENSITIVE;
  if (isUnknown(condition)) {
    // Both branches are still worth knowing: a pricer can give a range over `a ? "m5.large" : "t3.micro"`.
    const branches: Value[] = [];
    for (const branch of [node.then, node.otherwise]) {
      try {
        const value = next(branch);
        if (hasUnknownOrSensitive(value) === undefined) branches.push(value);
      } catch (error) {
        if (!(error instanceof EvalError)) throw error;
      }
    }
    const description = `${condition.__unknown} ? … : …`;
    return branches.length === 2 ? unknownValue(description, branches) : unknownValue(description);
  }
  if (typeof condition !== 'boolean') {
    if (condition === 'true' || condition === 'false') return next(condition === 'true' ? node.then : node.otherwise);
    throw new EvalError(`a condition must be a bool, got ${typeName(condition)}`);
  }
  return next(condition ? node.then : node.otherwise);
}

function forExpression(node: Extract<Node, { kind: 'for' }>, scope: Scope, next: (child: Node, inner?: Scope) => Value): Value {
  const collection = next(node.collection);
  if (isSensitive(collection)) return SENSITIVE;
  if (isUnknown(collection)) return unknownValue(`a for expression over ${collection.__unknown}`);
  let entries: Array<[Value, Value]>;
  if (Array.isArray(collection)) entries = collection.map((item, i) => [i, item]);
  else if (isMap(collection)) entries = Object.keys(collection).sort().map((key) => [key, collection[key]]);
  else throw new EvalError(`a for expression needs a list or map, got ${typeName(collection)}`);
  const items: Value[] = [];
  const object: Record<string, Value> = {};
  for (const [key, value] of entries) {
    const inner = withBindings(scope, { [node.valueName]: value, ...(node.keyName !== undefined ? { [node.keyName]: key } : {}) });
    if (node.condition) {
      const keep = next(node.condition, inner);
      if (isUnknown(keep) || isSensitive(keep)) return unknownValue('a for expression with a condition known only later');
      if (keep !== true) continue;
    }
    const result = next(node.valueExpr, inner);
    if (!node.object || !node.keyExpr) {
      items.push(result);
      continue;
    }
    const resultKey = next(node.keyExpr, inner);
    if (isUnknown(resultKey) || isSensitive(resultKey)) return unknownValue('a for expression with keys known only later');
    const name = toStringValue(resultKey, 'for key');
    if (node.grouping) {
      const group = object[name];
      object[name] = Array.isArray(group) ? [...group, result] : [result];
    } else {
      if (Object.hasOwn(object, name)) throw new EvalError(`duplicate key "${name}" in a for expression (use \`...\` to group)`);
      object[name] = result;
    }
  }
  return node.object ? object : items;
}
