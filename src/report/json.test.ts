import { describe, expect, it } from 'vitest';
import { hostileReport } from '../../test/fixtures/report/reports.js';
import { renderJson, toJsonReport } from './json.js';
import type { Report } from './model.js';

/** The same report with every object's keys inserted in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(reversedKeys) as T;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reversedKeys(inner)])) as T;
  }
  return value;
}

describe('renderJson', () => {
  it('is pretty JSON with a trailing newline that parses back to the report', () => {
    const report = hostileReport();
    const out = renderJson(report);
    expect(out.endsWith('}\n')).toBe(true);
    expect(out).toContain('\n  "version": 1,\n');
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('puts keys in the documented order whatever order the report was built in', () => {
    const report = hostileReport();
    expect(renderJson(reversedKeys(report))).toBe(renderJson(report));
    expect(Object.keys(toJsonReport(report))).toEqual([
      'version',
      'tool',
      'verdict',
      'failOn',
      'source',
      'pullRequest',
      'config',
      'files',
      'resources',
      'cost',
      'checks',
      'findings',
      'notices',
    ]);
    const [firstFinding] = JSON.parse(renderJson(report)).findings as object[];
    expect(Object.keys(firstFinding ?? {})).toEqual([
      'ruleId',
      'category',
      'severity',
      'message',
      'fix',
      'file',
      'line',
      'endLine',
      'suppressed',
    ]);
  });

  it('leaves out fields that are not in the schema', () => {
    const report = { ...hostileReport(), internal: 'secret' } as Report & { internal: string };
    expect(renderJson(report)).not.toContain('internal');
  });

  it('omits absent optional fields instead of writing null', () => {
    const report = hostileReport();
    delete report.pullRequest;
    const parsed = JSON.parse(renderJson(report)) as Record<string, unknown>;
    expect('pullRequest' in parsed).toBe(false);
    expect((parsed.cost as { catalogDate: unknown }).catalogDate).toBe('2026-10-01');
  });
});
