import { expect } from 'vitest';
import type { ResourceChange } from '../../diff/model.js';
import type { Resource } from '../../iac/model.js';
import type { CostReport } from '../model.js';
import { priceChanges } from '../price.js';
import { parseUsage } from '../usage.js';

/** Helpers for pricer unit tests: a plain resource, added in a change, priced with or without a usage file. */

/** A Terraform resource, or a CloudFormation one when the type starts with `AWS::`, addressed `<type>.this` / `stack.yaml#This`. */
export function awsResource(type: string, attributes: Record<string, unknown>, region?: string): Resource {
  const kind = type.startsWith('AWS::') ? 'cloudformation' : 'terraform';
  const body = kind === 'cloudformation' ? { Type: type, Properties: attributes } : attributes;
  return { kind, type, address: kind === 'cloudformation' ? 'stack.yaml#This' : `${type}.this`, attributes: body, file: 'main.tf', line: 1, endLine: 9, meta: {}, ...(region ? { region } : {}) };
}

/** A Terraform resource at `main.tf:1`, addressed `<type>.this` unless `address` says otherwise. */
export function terraformResource(type: string, attributes: Record<string, unknown>, address = `${type}.this`): Resource {
  return { kind: 'terraform', type, address, attributes, file: 'main.tf', line: 1, endLine: 9, meta: {} };
}

/** The change that adds `items`. */
export function added(...items: Resource[]): ResourceChange[] {
  return items.map((item) => ({ address: item.address, kind: item.kind, type: item.type, change: 'added', after: item }));
}

/** Cost settings pricing in us-east-1, without a fallback region. */
export const US = { region: 'us-east-1', kubernetesRates: {} };

/** The change's cost with the resource added; `usage` is a usage file's `resources.<address>` entry as YAML lines. */
export function priceAdded(item: Resource, usage?: Record<string, number>): CostReport {
  const lines = Object.entries(usage ?? {}).map(([key, value]) => `    ${key}: ${value}`);
  const parsed = usage ? parseUsage(`resources:\n  ${item.address}:\n${lines.join('\n')}\n`, 'usage.yml').usage : undefined;
  return priceChanges(added(item), US, parsed ? { usage: parsed } : {});
}

/** Every component's monthly figure is its quantity × unit price. */
export function consistent(cost: CostReport): boolean {
  return cost.lines.every((line) => line.components.every((part) => Math.abs(part.monthly - part.quantity * part.unitPrice) < 1e-9));
}

/** Prices `item` alone and checks it is priced, at `expected` a month, every component its quantity × unit price. */
export function expectPricedAt(item: Resource, expected: number): void {
  const cost = priceAdded(item);
  expect(cost.unpriced).toEqual([]);
  expect(cost.after).toBeCloseTo(expected, 6);
  expect(consistent(cost)).toBe(true);
}
