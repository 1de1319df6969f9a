import { isRecord, isSensitive, isUnknown, SENSITIVE, unknownValue } from '../values.js';
import data from './types.json' with { type: 'json' };

/** What the engine writes for a value known only after the update (pkg/resource/stack `computedValuePlaceholder`). */
export const UNKNOWN_VALUE = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

/** What `pulumi preview --json` writes in place of a secret (pkg/backend/display `MassageSecrets`). */
export const SECRET_TEXT = '[secret]';

/** How serialized state and engine events mark a secret: this signature key with the secret signature as its value. */
const SIGNATURE_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_SIGNATURE = '1b47061264138c4ac30d75fd1eb44270';

/** Real inputs nest a few levels; the cap bounds the work (and the stack) a hostile preview can cause. */
const MAX_DEPTH = 64;

/** Where a bridged provider's Pulumi names and shapes differ from Terraform's, for one Terraform type (see types.json). */
interface Shape {
  renames?: Record<string, string>;
  blocks?: string[];
  maps?: string[];
}

interface CompiledShape {
  renames: ReadonlyMap<string, string>;
  blocks: ReadonlySet<string>;
  maps: ReadonlySet<string>;
}

const TERRAFORM_TYPES: ReadonlyMap<string, string> = new Map(Object.entries(data.types));
const SHAPES: ReadonlyMap<string, Shape> = new Map(Object.entries(data.shapes as Record<string, Shape>));
const NO_SHAPE: CompiledShape = { renames: new Map(), blocks: new Set(), maps: new Set() };

/** The Terraform resource type a Terraform-bridged Pulumi type wraps; undefined for types tollgate has no mapping for. */
export function terraformTypeOf(pulumiType: string): string | undefined {
  return TERRAFORM_TYPES.get(pulumiType);
}

function shapeOf(terraformType: string): CompiledShape {
  const shape = SHAPES.get(terraformType);
  if (!shape) return NO_SHAPE;
  return { renames: new Map(Object.entries(shape.renames ?? {})), blocks: new Set(shape.blocks), maps: new Set(shape.maps) };
}

function isSecret(value: unknown): boolean {
  return value === SECRET_TEXT || (isRecord(value) && value[SIGNATURE_KEY] === SECRET_SIGNATURE);
}

function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** The unknown and secret markers of one value, or undefined when it is neither. */
function marker(value: unknown, path: string, depth: number): unknown {
  if (value === UNKNOWN_VALUE) return unknownValue(`known after apply (${path})`);
  if (isSecret(value)) return SENSITIVE;
  if (depth > MAX_DEPTH) return unknownValue(`nested too deep to read (${path})`);
  return undefined;
}

/** A value as Pulumi wrote it, with unknowns and secrets replaced by tollgate's markers so a secret can never be printed. */
function maskedValue(value: unknown, path = '', depth = 0): unknown {
  const marked = marker(value, path, depth);
  if (marked !== undefined) return marked;
  if (Array.isArray(value)) return value.map((item, index) => maskedValue(item, `${path}[${index}]`, depth + 1));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskedValue(item, childPath(path, key), depth + 1)]));
  return value;
}

/**
 * A Pulumi property name as Terraform spells it. Only camelCase identifiers are converted: a key
 * with dots, slashes or a capital first letter is the user's (a tag, a label), never a property.
 */
function terraformName(key: string, shape: CompiledShape): string {
  if (!/^[a-z][A-Za-z0-9]*$/.test(key)) return key;
  const snake = key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  return shape.renames.get(snake) ?? snake;
}

/** A block Pulumi flattened to its only item goes back into a one-item list, as Terraform plans and HCL hold it. */
function asBlock(value: unknown): unknown {
  if (value === null || value === undefined || Array.isArray(value) || isUnknown(value) || isSensitive(value)) return value;
  return [value];
}

function terraformValue(value: unknown, shape: CompiledShape, path: string, depth: number): unknown {
  const marked = marker(value, path, depth);
  if (marked !== undefined) return marked;
  if (Array.isArray(value)) return value.map((item, index) => terraformValue(item, shape, `${path}[${index}]`, depth + 1));
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      const name = terraformName(key, shape);
      const converted = shape.maps.has(name) && isRecord(item) ? maskedValue(item, childPath(path, name), depth + 1) : terraformValue(item, shape, childPath(path, name), depth + 1);
      return [name, shape.blocks.has(name) ? asBlock(converted) : converted];
    }),
  );
}

/** The engine's own bookkeeping among a resource's properties (`__defaults`, `__meta`), never a property of the resource. */
function withoutBookkeeping(properties: unknown): Record<string, unknown> {
  if (!isRecord(properties)) return {};
  return Object.fromEntries(Object.entries(properties).filter(([key]) => !key.startsWith('__')));
}

/**
 * A bridged resource's properties as the Terraform resource it wraps would hold them: Terraform's
 * attribute names, one-item blocks as lists, the user's map keys untouched.
 */
export function terraformAttributes(properties: unknown, terraformType: string): Record<string, unknown> {
  const converted = terraformValue(withoutBookkeeping(properties), shapeOf(terraformType), '', 0);
  return isRecord(converted) ? converted : {};
}

/** A resource's properties as Pulumi wrote them, masked; for types with no Terraform twin and for Kubernetes manifests. */
export function pulumiAttributes(properties: unknown): Record<string, unknown> {
  const masked = maskedValue(withoutBookkeeping(properties));
  return isRecord(masked) ? masked : {};
}
