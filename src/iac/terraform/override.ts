/**
 * Terraform override files (`override.tf`, `*_override.tf` and their `.tf.json` forms): read after
 * the other files of a module, in name order, each top-level block merged into the block with the
 * same header, as Terraform's "Override Files" documentation defines it. An attribute replaces the
 * one of the same name; nested blocks of a type replace all blocks of that type (a `dynamic "x"`
 * counts as type `x`); a resource's `lifecycle` is merged argument by argument.
 *
 * A Resource has one file, so what an override brings is placed on the line of the block it
 * overrides, never on a line of the other file; the evaluator says which files overrode it.
 */
import type { HclAttribute, HclBlock, HclBody } from './hcl/types.js';

const OVERRIDE_NAME = /^(?:.*_)?override\.tf(?:\.json)?$/;

export function isOverrideFile(path: string): boolean {
  return OVERRIDE_NAME.test(path.slice(path.lastIndexOf('/') + 1));
}

/** The block type a nested block stands for: a `dynamic "ingress"` block makes `ingress` blocks. */
function madeType(block: HclBlock): string {
  return block.type === 'dynamic' ? (block.labels[0] ?? 'dynamic') : block.type;
}

/** A copy of a body with every attribute and block placed on `line`. */
function placedOn(body: HclBody, line: number): HclBody {
  return {
    attributes: body.attributes.map((attribute): HclAttribute => ({ ...attribute, line, endLine: line })),
    blocks: body.blocks.map((block): HclBlock => ({ ...block, body: placedOn(block.body, line), line, endLine: line })),
  };
}

/** Terraform's general rule: attributes by name, nested blocks replaced per type. */
function mergeBodies(base: HclBody, override: HclBody): HclBody {
  const replaced = new Map(override.attributes.map((attribute) => [attribute.name, attribute]));
  const attributes = base.attributes.map((attribute) => replaced.get(attribute.name) ?? attribute);
  for (const attribute of override.attributes) if (!base.attributes.some((kept) => kept.name === attribute.name)) attributes.push(attribute);
  const overriddenTypes = new Set(override.blocks.map(madeType));
  return { attributes, blocks: [...base.blocks.filter((block) => !overriddenTypes.has(madeType(block))), ...override.blocks] };
}

/** A resource's or data source's `lifecycle` merges argument by argument rather than being replaced. */
function mergeResourceBodies(base: HclBody, override: HclBody): HclBody {
  const baseLifecycle = base.blocks.find((block) => block.type === 'lifecycle');
  const overrideLifecycle = override.blocks.find((block) => block.type === 'lifecycle');
  const merged = mergeBodies(base, override);
  if (!baseLifecycle || !overrideLifecycle) return merged;
  const lifecycle: HclBlock = { ...overrideLifecycle, body: mergeBodies(baseLifecycle.body, overrideLifecycle.body) };
  return { ...merged, blocks: merged.blocks.map((block) => (block === overrideLifecycle ? lifecycle : block)) };
}

/** `base` with `override` merged in; the result keeps the base block's position. */
export function mergeOverride(base: HclBlock, override: HclBlock): HclBlock {
  const incoming = placedOn(override.body, base.line);
  const body = base.type === 'resource' || base.type === 'data' ? mergeResourceBodies(base.body, incoming) : mergeBodies(base.body, incoming);
  return { ...base, body };
}
