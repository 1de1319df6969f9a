import { describe, expect, it } from 'vitest';
import type { RuleEntry } from '../checks/catalog.js';
import { rulesJson, rulesText } from './rules.js';

const rules: RuleEntry[] = [
  { id: 'cost-budget', area: 'cost', title: 'Cost change within budget', severity: 'error', docs: 'docs/rules/cost-budget.md', presets: [{ preset: 'default', level: 'error', options: [] }, { preset: 'strict', level: 'error', options: [] }] },
  { id: 'k8s-network-policy', area: 'deploy', title: 'Pods are selected by a NetworkPolicy', severity: 'notice', docs: 'docs/rules/k8s-network-policy.md', presets: [{ preset: 'strict', level: 'notice', options: [] }] },
];
const packs = [{ pack: 'finops', policies: [{ id: 'costly-resource-owner', title: 'Resources over $500 a month name a cost centre', severity: 'error' as const }] }];

describe('rulesText', () => {
  it('aligns one row per rule under a header, then the packs and where to read more', () => {
    expect(rulesText(rules, packs)).toBe(
      [
        'ID                  AREA    SEVERITY  PRESETS',
        'cost-budget         cost    error     default, strict',
        'k8s-network-policy  deploy  notice    strict',
        '',
        'Policy packs, off until the configuration lists them (policies: ["pack:NAME"]):',
        '  finops  costly-resource-owner',
        '',
        'tollgate explain ID prints what a rule checks, why, and how to fix or suppress it.',
        '',
      ].join('\n'),
    );
  });
});

describe('rulesJson', () => {
  it('gives each rule its facts and its page as an address', () => {
    const parsed = JSON.parse(rulesJson(rules, packs)) as { rules: Array<Record<string, unknown>>; packs: unknown };
    expect(parsed.rules[1]).toEqual({
      id: 'k8s-network-policy',
      area: 'deploy',
      title: 'Pods are selected by a NetworkPolicy',
      severity: 'notice',
      docs: 'https://github.com/tollgate-dev/tollgate/blob/main/docs/rules/k8s-network-policy.md',
      presets: [{ preset: 'strict', level: 'notice', options: [] }],
    });
    expect(parsed.packs).toEqual(packs);
  });
});
