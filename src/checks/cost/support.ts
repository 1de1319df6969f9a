import type { CostLine, CostReport } from '../../cost/model.js';
import { attributesOf } from '../../cost/pricing.js';
import type { ResourceChange } from '../../diff/model.js';
import type { Resource } from '../../iac/model.js';
import { isUnknown } from '../../iac/values.js';
import { formatDelta, formatUsd } from '../../report/format.js';
import { findingAt as sharedFindingAt, lineAt } from '../locate.js';
import type { RuleFinding } from '../model.js';

/** Helpers the cost rules share: which resources a rule judges, where to point, how to print money. */

export { formatDelta, formatUsd };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}

/** Terraform attributes, or a CloudFormation resource's `Properties`: the pricers' reading, so rules and prices agree. */
export { attributesOf };

/** us-east-1: the one region the price data has for most rows. */
const DATA_REGION = 'us-east-1';

/** A price in `region`, else us-east-1's (the caller says so), with the region it came from. */
export function priceInRegionOrDataRegion(region: string, lookup: (where: string) => number | undefined): { usd: number; region: string } | undefined {
  for (const where of [region, DATA_REGION]) {
    const usd = lookup(where);
    if (usd !== undefined) return { usd, region: where };
  }
  return undefined;
}

/** Dotted attribute paths of CloudFormation resources live under `Properties.` in `attributeLines`. */
function attributePath(resource: Resource, path: string): string {
  return resource.kind === 'cloudformation' ? `Properties.${path}` : path;
}

/** The source line of an attribute (a CloudFormation property by its path under `Properties`), or its nearest recorded ancestor's. */
export function lineOf(resource: Resource, path: string): number {
  return lineAt(resource, attributePath(resource, path));
}

export function findingAt(resource: Resource, path: string, message: string, fix: string): RuleFinding {
  return sharedFindingAt(resource, attributePath(resource, path), message, fix);
}

/** Resources the change adds or modifies, at the head: what a cost rule judges (a removal saves money). */
export function judgedResources(changes: readonly ResourceChange[], types?: ReadonlySet<string>): Resource[] {
  return changes.flatMap((change) =>
    (change.change === 'added' || change.change === 'changed') && change.after && (!types || types.has(change.type)) ? [change.after] : [],
  );
}

/** True when the change introduces `path` on this resource: an added resource, or a changed one whose attribute moved. */
export function introduces(change: ResourceChange, path: string): boolean {
  if (change.change === 'added') return true;
  if (change.change !== 'changed') return false;
  const full = change.kind === 'cloudformation' ? `Properties.${path}` : path;
  return (change.changedAttributes ?? []).some((changed) => changed === full || changed.startsWith(`${full}.`) || full.startsWith(`${changed}.`));
}

export function lineFor(cost: CostReport, address: string): CostLine | undefined {
  return cost.lines.find((line) => line.address === address);
}

/** A plain string attribute; unknowns (a variable, another resource's output) are never guessed. */
export function stringAt(attributes: Record<string, unknown>, key: string): string | undefined {
  const value = attributes[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function numberAt(attributes: Record<string, unknown>, key: string): number | undefined {
  const value = attributes[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/** The directory of a file: the Terraform root (or stack folder) a cost line belongs to. */
export function rootOf(file: string | undefined): string {
  if (file === undefined) return '.';
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '.' : file.slice(0, slash);
}

export function numberOption(options: Record<string, unknown>, key: string): number | undefined {
  const value = options[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function stringListOption(options: Record<string, unknown>, key: string, fallback: readonly string[]): string[] {
  const value = options[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [...fallback];
}
