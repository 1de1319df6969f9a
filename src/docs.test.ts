import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from './checks/registry.js';

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

  it('rule ids are unique kebab-case', () => {
    const ids = RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
