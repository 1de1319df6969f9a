import { presetSummary, ruleCatalog, type RuleEntry } from '../checks/catalog.js';
import type { PackEntry } from '../checks/rules-index.js';
import { docsUrl } from '../meta.js';
import { PACK_PREFIX, packPolicies } from '../policies/packs.js';
import type { OutputFormat } from '../cli-args.js';

function alignedRows(rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = rows.reduce<number[]>((found, row) => row.map((cell, column) => Math.max(found[column] ?? 0, cell.length)), []);
  return rows.map((row) => row.map((cell, column) => (column < row.length - 1 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  '));
}

/** `tollgate rules` on a terminal: one aligned row per rule, then one line per policy pack. */
export function rulesText(rules: readonly RuleEntry[], packs: readonly PackEntry[]): string {
  const table = alignedRows([['ID', 'AREA', 'SEVERITY', 'PRESETS'], ...rules.map((entry) => [entry.id, entry.area, entry.severity, presetSummary(entry)])]);
  const packNames = alignedRows(packs.map(({ pack, policies }) => [`  ${pack}`, policies.map((policy) => policy.id).join(', ')]));
  return [
    ...table,
    '',
    `Policy packs, off until the configuration lists them (policies: ["${PACK_PREFIX}NAME"]):`,
    ...packNames,
    '',
    'tollgate explain ID prints what a rule checks, why, and how to fix or suppress it.',
    '',
  ].join('\n');
}

/** `tollgate rules --format json`, for scripts: the same facts, each rule's docs as an address. */
export function rulesJson(rules: readonly RuleEntry[], packs: readonly PackEntry[]): string {
  const described = rules.map(({ docs, ...entry }) => ({ ...entry, docs: docsUrl(docs) }));
  return `${JSON.stringify({ rules: described, packs }, null, 2)}\n`;
}

/** `tollgate rules`: 0 with the list on standard output; 2 for a format it does not print. */
export function listRules(format: OutputFormat): number {
  if (format !== 'text' && format !== 'json') {
    process.stderr.write(`tollgate: rules: --format ${format} is not supported; use text or json\n`);
    return 2;
  }
  const packs = packPolicies().map(({ pack, policies }) => ({ pack, policies: policies.map(({ id, title, severity }) => ({ id, title, severity })) }));
  const rules = ruleCatalog();
  process.stdout.write(format === 'json' ? rulesJson(rules, packs) : rulesText(rules, packs));
  return 0;
}
