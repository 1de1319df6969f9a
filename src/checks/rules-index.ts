import type { Severity } from './model.js';
import { presetSummary, type RuleEntry } from './catalog.js';

/** The areas of the built-in rules, in report order, each with what its rules look at. */
const AREAS = [
  { area: 'cost', heading: 'Cost', about: 'What the change adds to the monthly bill, and cheaper ways to run the same.' },
  { area: 'deploy', heading: 'Deployment safety', about: 'Whether the change rolls out, scales and rolls back without an outage or lost data.' },
  { area: 'hygiene', heading: 'Change hygiene', about: 'Whether the pull request itself is well kept: its files, commits, description and the gate’s own configuration.' },
] as const;

/** A pack's policies as the index lists them. */
export interface PackEntry {
  pack: string;
  policies: ReadonlyArray<{ id: string; title: string; severity: Severity }>;
}

/** Titles are plain sentences; a pipe would still end a table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function areaSection(heading: string, about: string, entries: readonly RuleEntry[]): string[] {
  return [
    `## ${heading} (${entries.length} rules)`,
    '',
    about,
    '',
    '| Rule | What it checks | Default severity | Presets |',
    '|---|---|---|---|',
    // The index sits beside the pages, so a page's link is its file name.
    ...entries.map((entry) => `| [\`${entry.id}\`](${entry.id}.md) | ${cell(entry.title)} | ${entry.severity} | ${presetSummary(entry)} |`),
    '',
  ];
}

function packSection(packs: readonly PackEntry[]): string[] {
  return [
    '## Policy packs',
    '',
    'Custom policies that ship with tollgate, off until a configuration lists their pack (`policies: ["pack:finops"]`); see [Packs](../policies.md#packs).',
    '',
    '| Pack | Policy | What it checks | Severity |',
    '|---|---|---|---|',
    ...packs.flatMap(({ pack, policies }) => policies.map((policy) => `| \`${pack}\` | \`${policy.id}\` | ${cell(policy.title)} | ${policy.severity} |`)),
    '',
  ];
}

/** docs/rules/README.md: every built-in rule by area, then the policy packs. src/docs.test.ts keeps the committed file equal to this. */
export function renderRulesIndex(rules: readonly RuleEntry[], packs: readonly PackEntry[]): string {
  return [
    '# Rules',
    '',
    '<!-- Generated from the rule registry and the presets; do not edit. Regenerate: npx vitest run src/docs.test.ts --update -->',
    '',
    `Every rule tollgate runs (${rules.length}), by area. **Presets** names the presets that turn a rule on: \`default\` runs when there is no configuration file, \`strict\` builds on it. A level after a preset is the level it runs the rule at, where that differs from the default severity; \`sets\` names the options it sets. Any rule can be turned off, re-levelled or scoped in \`.github/tollgate.yml\` ([configuration](../config.md#rules)).`,
    '',
    'In a terminal, `tollgate rules` lists the same and `tollgate explain ID` prints a rule’s page.',
    '',
    ...AREAS.flatMap(({ area, heading, about }) => {
      const entries = rules.filter((entry) => entry.area === area);
      return entries.length > 0 ? areaSection(heading, about, entries) : [];
    }),
    ...packSection(packs),
  ].join('\n');
}
