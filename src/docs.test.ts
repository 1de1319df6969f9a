import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ruleCatalog } from './checks/catalog.js';
import { RULES } from './checks/registry.js';
import { renderRulesIndex } from './checks/rules-index.js';
import { packPolicies } from './policies/packs.js';

const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('rule documentation', () => {
  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s has a docs page with every section', (id, rule) => {
    expect(rule.docs).toBe(`docs/rules/${id}.md`);
    expect(existsSync(new URL(rule.docs, root))).toBe(true);
    const page = read(rule.docs);
    expect(page.startsWith(`# ${id}\n`)).toBe(true);
    for (const section of ['## Why', '## Bad', '## Good', '## How to fix', '## How to suppress']) expect(page).toContain(section);
    expect(page).toContain(`**Default severity:** ${rule.severity}`);
  });

  it('the README rules table lists every rule with its category and default severity', () => {
    const readme = read('README.md');
    for (const rule of RULES) {
      expect(readme).toContain(`| [\`${rule.id}\`](${rule.docs}) | ${rule.category} | ${rule.severity} |`);
    }
  });

  it('every page under docs/rules/ is a rule\'s, besides the index and the agreement table', () => {
    const pages = readdirSync(new URL('docs/rules/', root)).filter((name) => name.endsWith('.md') && name !== 'README.md' && name !== 'agreement.md');
    expect(pages.sort()).toEqual(RULES.map((rule) => `${rule.id}.md`).sort());
  });

  it('docs/rules/README.md is the index generated from the registry and the presets', async () => {
    const index = renderRulesIndex(ruleCatalog(), packPolicies());
    for (const rule of RULES) expect(index).toContain(`| [\`${rule.id}\`](${rule.id}.md) | ${rule.title} | ${rule.severity} |`);
    await expect(index, 'docs/rules/README.md is out of date: run `npx vitest run src/docs.test.ts --update` and commit it').toMatchFileSnapshot('../docs/rules/README.md');
  });

  it('rule ids are unique kebab-case', () => {
    const ids = RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
