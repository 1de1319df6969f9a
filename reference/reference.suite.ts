import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readCases, referenceAvailable, REFERENCE_ROOT, runCase } from './cases.js';
import type { ResourceOutcome } from './compare.js';
import { improvements, isAllowed, outcomeLine, regressions, renderSummary, tallyRates, total, type AllowedDifference, type Rates } from './summary.js';

/**
 * The differential harness (`npm run reference`): every case of ../shared/infracost-reference
 * priced by tollgate and compared with Infracost's golden, without usage and with the case's usage
 * file. The rates per type may not fall below reference/baseline.json; `REFERENCE_UPDATE=1 npm run
 * reference` records a better run, and `REFERENCE_TYPES=aws_instance,aws_ebs_volume` lists every
 * miss of those types.
 */

const BASELINE = new URL('./baseline.json', import.meta.url);
const ALLOW_LIST = new URL('./allow-list.yml', import.meta.url);

function readAllowList(): AllowedDifference[] {
  const entries = parse(readFileSync(ALLOW_LIST, 'utf8')) as AllowedDifference[] | null;
  return entries ?? [];
}

function readBaseline(): { baseline: Rates; usage: Rates } {
  return existsSync(BASELINE) ? (JSON.parse(readFileSync(BASELINE, 'utf8')) as { baseline: Rates; usage: Rates }) : { baseline: {}, usage: {} };
}

describe.skipIf(!referenceAvailable())(`reference cases (${REFERENCE_ROOT.pathname})`, () => {
  const cases = readCases();
  const allowList = readAllowList();

  function run(withUsage: boolean): { counted: ResourceOutcome[]; allowed: { outcome: ResourceOutcome; entry: AllowedDifference }[] } {
    const outcomes = cases.flatMap((referenceCase) => runCase(referenceCase, withUsage));
    const allowed = outcomes.flatMap((outcome) => {
      const entry = isAllowed(outcome, allowList);
      return entry && outcome.status !== 'match' ? [{ outcome, entry }] : [];
    });
    return { counted: outcomes.filter((outcome) => !allowed.some((item) => item.outcome === outcome)), allowed };
  }

  const withoutUsage = run(false);
  const withUsage = run(true);
  const current = { baseline: tallyRates(withoutUsage.counted), usage: tallyRates(withUsage.counted) };
  const recorded = readBaseline();

  it('prints the match rates', () => {
    console.log(renderSummary({ title: 'Baseline cost (no usage)', outcomes: withoutUsage.counted, allowed: withoutUsage.allowed, worst: 40 }));
    console.log('');
    console.log(renderSummary({ title: 'Total cost with the case usage file', outcomes: withUsage.counted, allowed: [], worst: 0 }).split('\n\nper resource type')[0]);
    const focus = (process.env.REFERENCE_TYPES ?? '').split(',').filter(Boolean);
    if (focus.length > 0) {
      console.log(`\nevery miss of ${focus.join(', ')} (REFERENCE_TYPES):`);
      for (const outcome of withoutUsage.counted) {
        if (focus.includes(outcome.type) && outcome.status !== 'match') console.log(outcomeLine(outcome));
      }
    }
    for (const types of Object.values(current.baseline)) expect(total(types).comparable).toBeGreaterThan(0);
  });

  it('every allow-listed difference still applies (a fixed one is taken off the list)', () => {
    const applied = new Set(withoutUsage.allowed.map(({ entry }) => entry));
    expect(allowList.filter((entry) => !applied.has(entry))).toEqual([]);
  });

  it('no resource type matches fewer resources than reference/baseline.json records', () => {
    if (process.env.REFERENCE_UPDATE === '1') {
      writeFileSync(BASELINE, `${JSON.stringify(current, null, 2)}\n`);
      console.log(`wrote ${BASELINE.pathname}`);
    }
    const better = [...improvements(recorded.baseline, current.baseline), ...improvements(recorded.usage, current.usage)];
    if (better.length > 0 && process.env.REFERENCE_UPDATE !== '1') {
      console.log(`${better.length} types match more than the baseline records; run REFERENCE_UPDATE=1 npm run reference to keep them from slipping back`);
    }
    expect([...regressions(recorded.baseline, current.baseline), ...regressions(recorded.usage, current.usage)]).toEqual([]);
  });
});
