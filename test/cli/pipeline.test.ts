import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runNode } from '../support/run-process.js';

/** The CLI with a plan an earlier step wrote: two directory trees of one root, and the plan beside them. */

const fixtures = fileURLToPath(new URL('../fixtures/terraform/plan/', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'tollgate-pipeline-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

for (const side of ['base', 'head']) {
  mkdirSync(join(temp, side, 'shop'), { recursive: true });
  cpSync(join(fixtures, 'shop-root', side, 'main.tf'), join(temp, side, 'shop', 'main.tf'));
}
mkdirSync(join(temp, 'plans'));
cpSync(join(fixtures, 'aws-shop.plan.json'), join(temp, 'plans', 'shop.json'));

describe('tollgate --terraform-plan', () => {
  it('judges the root from the plan and says so', async () => {
    const result = await runNode('dist/cli.js', ['--base', 'base', '--head', 'head', '--terraform-plan', 'plans/*.json'], { cwd: temp });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Read shop from the plan plans/shop.json.');
    expect(result.stdout).toContain('module.vpc.aws_nat_gateway.this[0]');
  });

  it('stops, naming the flag, when the glob matches nothing', async () => {
    const result = await runNode('dist/cli.js', ['--base', 'base', '--head', 'head', '--terraform-plan', 'plan/*.json'], { cwd: temp });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('tollgate: --terraform-plan: plan/*.json matches no file under');
  });
});
