import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/checks/registry.js';
import { runNode } from '../support/run-process.js';

describe('tollgate rules', () => {
  it('prints one aligned row per rule, then the policy packs', async () => {
    const result = await runNode('dist/cli.js', ['rules']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^ID +AREA +SEVERITY +PRESETS$/);
    const rows = lines.slice(1, 1 + RULES.length);
    expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(RULES.map((rule) => rule.id));
    // Aligned: every row's area starts in the header's AREA column.
    const areaColumn = lines[0]?.indexOf('AREA');
    for (const row of rows) expect(row.slice(areaColumn).split(' ')[0]).toMatch(/^(cost|deploy|hygiene)$/);
    expect(result.stdout).toMatch(/^k8s-network-policy +deploy +notice +strict$/m);
    expect(result.stdout).toMatch(/^ {2}finops +costly-resource-owner, /m);
  });

  it('--format json lists every rule with its presets', async () => {
    const result = await runNode('dist/cli.js', ['rules', '--format', 'json']);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { rules: Array<{ id: string; presets: Array<{ preset: string }> }>; packs: Array<{ pack: string }> };
    expect(parsed.rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    expect(parsed.packs.map((pack) => pack.pack)).toEqual(['production-readiness', 'finops', 'supply-chain']);
  });

  it('refuses a format it does not print', async () => {
    const result = await runNode('dist/cli.js', ['rules', '--format', 'sarif']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('tollgate: rules: --format sarif is not supported; use text or json\n');
  });
});

describe('tollgate explain', () => {
  it("prints the rule's page as terminal text", async () => {
    const result = await runNode('dist/cli.js', ['explain', 'k8s-pdb']);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('k8s-pdb\n=======\n')).toBe(true);
    expect(result.stdout).toContain('\nHow to suppress\n---------------\n');
    expect(result.stdout).not.toContain('```');
  });

  it('exits 2 for an unknown id, naming the nearest', async () => {
    const result = await runNode('dist/cli.js', ['explain', 'k8s-pbd']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('tollgate: there is no rule "k8s-pbd" (did you mean "k8s-pdb"?); tollgate rules lists them all\n');
  });
});
