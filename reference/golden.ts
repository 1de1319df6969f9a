/**
 * Reads Infracost's expected output (a `.golden` table) into resources and their cost components.
 * The table is fixed-width: the header names the columns, quantities are right-aligned to the end of
 * "Monthly Qty", units start under "Unit", costs are right-aligned to the end of "Monthly Cost", and
 * a trailing `*` marks a usage-based component. Nested blocks (a root volume, a launch template
 * inside an autoscaling group) are drawn with `├─` / `└─` and `│` indentation.
 */

export interface GoldenComponent {
  /** Names of the blocks the component sits in, outermost first (`aws_launch_configuration`, `aws_ebs_volume`). */
  groups: string[];
  name: string;
  quantity?: number;
  unit?: string;
  /** Monthly cost; absent when the golden says "Monthly cost depends on usage". */
  monthly?: number;
  /** Unit price quoted by "Monthly cost depends on usage: $0.30 per GB". */
  unitPrice?: number;
  usageBased: boolean;
}

export interface GoldenResource {
  address: string;
  components: GoldenComponent[];
  /** Sum of the components not marked usage-based: what the resource costs before any usage. */
  baseline: number;
  /** Sum of every component with a monthly cost, usage-based ones included. */
  total: number;
}

interface Columns {
  quantityEnd: number;
  unitStart: number;
  costEnd: number;
}

function columnsOf(header: string): Columns {
  const quantity = header.indexOf('Monthly Qty');
  const unit = header.indexOf('Unit', quantity);
  const cost = header.indexOf('Monthly Cost');
  if (quantity < 0 || unit < 0 || cost < 0) throw new Error(`golden: header without "Monthly Qty", "Unit" and "Monthly Cost": ${header.trim()}`);
  return { quantityEnd: quantity + 'Monthly Qty'.length, unitStart: unit, costEnd: cost + 'Monthly Cost'.length };
}

function dollars(text: string): number {
  return Number(text.replace(/[$,]/g, ''));
}

const BRANCH = /^( (?:[│ ] {2})*)([├└])─ /;
const USAGE_PRICE = /Monthly cost depends on usage: \$([0-9.,]+) per (.+?)\s*$/;

interface Row extends Omit<GoldenComponent, 'groups'> {
  depth: number;
  /** A row with neither quantity nor price: the heading of a nested block. */
  heading: boolean;
}

function readRow(line: string, columns: Columns): Row | undefined {
  const branch = BRANCH.exec(line);
  if (!branch) return undefined;
  const depth = ((branch[1] ?? ' ').length - 1) / 3;
  const rest = line.slice(branch[0].length);
  const usage = USAGE_PRICE.exec(rest);
  if (usage) {
    const name = rest.slice(0, usage.index).trim();
    return { depth, name, unitPrice: dollars(usage[1] ?? ''), unit: usage[2] ?? '', usageBased: true, heading: false };
  }
  const starred = /\*\s*$/.test(line);
  const costText = line.slice(0, columns.costEnd + 2).replace(/\*\s*$/, '');
  const cost = /\$-?[0-9][0-9,]*(?:\.[0-9]+)?\s*$/.exec(costText);
  if (!cost) return { depth, name: rest.trim(), usageBased: false, heading: true };
  const quantityText = line.slice(0, columns.quantityEnd);
  const quantity = /(-?[0-9][0-9,]*(?:\.[0-9]+)?)\s*$/.exec(quantityText);
  const nameEnd = quantity ? quantity.index : columns.unitStart;
  const unit = line.slice(columns.unitStart, cost.index).trim();
  return {
    depth,
    name: line.slice(branch[0].length, Math.max(nameEnd, branch[0].length)).trim(),
    ...(quantity ? { quantity: Number((quantity[1] ?? '').replace(/,/g, '')) } : {}),
    ...(unit !== '' ? { unit } : {}),
    monthly: dollars(cost[0].trim()),
    usageBased: starred,
    heading: false,
  };
}

const ADDRESS = /^ ((?:module\.[^ .]+(?:\[[^\]]*\])?\.)*(?:data\.)?[a-z][a-z0-9_]*\.[^ ]+)\s*$/;

/** Every resource of a golden table, in the table's order. Throws on a line it cannot classify, so a format change is noticed. */
export function parseGolden(text: string): GoldenResource[] {
  const lines = text.split('\n');
  const headerIndex = lines.findIndex((line) => /^\s*Name\s+Monthly Qty\s+Unit\s+Monthly Cost/.test(line));
  if (headerIndex < 0) return [];
  const columns = columnsOf(lines[headerIndex] ?? '');
  const resources: GoldenResource[] = [];
  let current: GoldenResource | undefined;
  const groups: string[] = [];
  for (const line of lines.slice(headerIndex + 1)) {
    if (/^\s*OVERALL TOTAL/.test(line)) break;
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    const address = ADDRESS.exec(line);
    if (address && !line.includes('─')) {
      current = { address: address[1] ?? '', components: [], baseline: 0, total: 0 };
      resources.push(current);
      groups.length = 0;
      continue;
    }
    const row = readRow(line, columns);
    if (!row || !current) throw new Error(`golden: cannot read line: ${line.trim()}`);
    groups.length = row.depth;
    if (row.heading) {
      groups[row.depth] = row.name;
      continue;
    }
    const { depth: _depth, heading: _heading, ...fields } = row;
    current.components.push({ groups: [...groups], ...fields });
    if (row.monthly !== undefined) {
      current.total += row.monthly;
      if (!row.usageBased) current.baseline += row.monthly;
    }
  }
  for (const resource of resources) {
    resource.baseline = Math.round(resource.baseline * 100) / 100;
    resource.total = Math.round(resource.total * 100) / 100;
  }
  return resources;
}
