import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hostileReport } from '../../test/fixtures/report/reports.js';
import fc from 'fast-check';
import { prettyJsonChunks, renderJson, toJsonReport } from './json.js';
import type { CostReport } from '../cost/model.js';
import type { Report, ReportResource } from './model.js';

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
    const parsed = JSON.parse(out) as { cost: Record<string, unknown> };
    // cost.resources is derived from the report (lines, unpriced, resources); everything else is the report itself.
    delete parsed.cost.resources;
    expect(parsed).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('puts keys in the documented order whatever order the report was built in', () => {
    const report = hostileReport();
    expect(renderJson(reversedKeys(report))).toBe(renderJson(report));
    expect(Object.keys(toJsonReport(report))).toEqual([
      'version',
      'tool',
      'verdict',
      'failOn',
      'judge',
      'counts',
      'source',
      'pullRequest',
      'config',
      'policy',
      'files',
      'resources',
      'roots',
      'cost',
      'checks',
      'findings',
      'fixed',
      'suppressionsAdded',
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
      'status',
      'fingerprint',
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

describe('cost fields', () => {
  function costReport(cost: CostReport, resources: ReportResource[]): Report {
    return { ...hostileReport(), cost, resources };
  }
  const resource = (address: string, change: ReportResource['change'], line = 1): ReportResource => ({
    address,
    type: address.split('.')[0] ?? '',
    kind: 'terraform',
    file: 'infra/main.tf',
    line,
    change,
  });

  const cost: CostReport = {
    currency: 'USD',
    catalogDate: '2026-07-20 (AWS EC2 on-demand)',
    before: 60.74,
    after: 101.6,
    delta: 40.86,
    range: { low: 71.23, high: 251.6 },
    regions: ['eu-west-1', 'us-east-1'],
    lines: [
      {
        address: 'aws_ebs_volume.data',
        type: 'aws_ebs_volume',
        file: 'infra/main.tf',
        line: 9,
        before: 10,
        after: 8,
        delta: -2,
        components: [{ name: 'Storage (gp3)', unit: 'GB-months', quantity: 100, unitPrice: 0.08, monthly: 8 }],
      },
      {
        address: 'aws_autoscaling_group.web',
        type: 'aws_autoscaling_group',
        file: 'infra/main.tf',
        line: 20,
        before: 0,
        after: 60.74,
        delta: 60.74,
        range: { low: 30.37, high: 210.6 },
        region: 'us-east-1',
        components: [{ name: 'Instance usage (t3.medium)', unit: 'hours', quantity: 1460, unitPrice: 0.0416, monthly: 60.74 }],
      },
      {
        address: 'aws_nat_gateway.old',
        type: 'aws_nat_gateway',
        file: 'infra/net.tf',
        line: 4,
        before: 50.74,
        after: 0,
        delta: -50.74,
        components: [{ name: 'NAT gateway', unit: 'hours', quantity: 730, unitPrice: 0.045, monthly: 32.85 }],
      },
      {
        address: 'aws_lambda_function.api',
        type: 'aws_lambda_function',
        before: 0,
        after: 32.86,
        delta: 32.86,
        approximate: true,
        region: 'eu-west-1',
        note: 'us-east-1 prices stand in for eu-west-1',
        components: [{ name: 'Requests', unit: '1M requests', quantity: 0, unitPrice: 0.2, monthly: 0, usageBased: true }],
      },
    ],
    unpriced: [{ address: 'aws_instance.gpu', type: 'aws_instance', reason: 'instance_type is not known before apply' }],
  };
  const resources = [
    resource('aws_ebs_volume.data', 'changed', 9),
    resource('aws_autoscaling_group.web', 'added', 20),
    resource('aws_nat_gateway.old', 'removed', 4),
    resource('aws_lambda_function.api', 'added', 2),
    resource('aws_instance.gpu', 'added', 30),
  ];
  const json = () => JSON.parse(renderJson(costReport(cost, resources))) as { cost: Record<string, unknown> & { resources: Record<string, unknown>[]; lines: Record<string, unknown>[] } };

  it('carries the total range and the regions priced in', () => {
    const out = json().cost;
    expect(out.range).toEqual({ low: 71.23, high: 251.6 });
    expect(out.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(Object.keys(out)).toEqual(['currency', 'catalogDate', 'before', 'after', 'delta', 'range', 'regions', 'lines', 'unpriced', 'resources']);
  });

  it('keeps the lines and adds region, note and usageBased to them', () => {
    const lambda = json().cost.lines.find((line) => line.address === 'aws_lambda_function.api');
    expect(lambda).toMatchObject({ approximate: true, region: 'eu-west-1', note: 'us-east-1 prices stand in for eu-west-1' });
    expect(lambda?.components).toEqual([{ name: 'Requests', unit: '1M requests', quantity: 0, unitPrice: 0.2, monthly: 0, usageBased: true }]);
  });

  it('lists every resource by |delta| with null for an absent side, unpriced ones last with the reason', () => {
    const out = json().cost.resources;
    expect(out.map((entry) => [entry.address, entry.before, entry.after, entry.delta])).toEqual([
      ['aws_autoscaling_group.web', null, 60.74, 60.74],
      ['aws_nat_gateway.old', 50.74, null, -50.74],
      ['aws_lambda_function.api', null, 32.86, 32.86],
      ['aws_ebs_volume.data', 10, 8, -2],
      ['aws_instance.gpu', null, null, null],
    ]);
    expect(out[0]).toEqual({
      address: 'aws_autoscaling_group.web',
      type: 'aws_autoscaling_group',
      file: 'infra/main.tf',
      line: 20,
      before: null,
      after: 60.74,
      delta: 60.74,
      range: { low: 30.37, high: 210.6 },
      components: [{ name: 'Instance usage (t3.medium)', unit: 'hours', quantity: 1460, unitPrice: 0.0416, monthly: 60.74 }],
      region: 'us-east-1',
    });
    expect(out[4]).toEqual({
      address: 'aws_instance.gpu',
      type: 'aws_instance',
      file: 'infra/main.tf',
      line: 30,
      before: null,
      after: null,
      delta: null,
      components: [],
      unpriced: 'instance_type is not known before apply',
    });
  });

  it('leaves the range and regions out when the cost has none', () => {
    const out = JSON.parse(renderJson(costReport({ ...cost, range: undefined, regions: undefined } as unknown as CostReport, resources))) as { cost: object };
    expect('range' in out.cost).toBe(false);
    expect('regions' in out.cost).toBe(false);
  });
});

describe('docs/report.md', () => {
  const page = readFileSync(new URL('../../docs/report.md', import.meta.url), 'utf8');
  const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(page)?.[1] ?? '{}') as Record<string, unknown>;
  const isOrderedSubset = (keys: string[], order: string[]) => keys.every((key, index) => order.includes(key) && (index === 0 || order.indexOf(keys[index - 1] ?? '') < order.indexOf(key)));

  it('shows an example with every top-level field, in the order the renderer writes them', () => {
    expect(Object.keys(example)).toEqual(Object.keys(toJsonReport(hostileReport())));
  });

  it('shows findings, fixed findings and checks with fields in the renderer’s order', () => {
    const rendered = toJsonReport({ ...hostileReport(), findings: [{ ...hostileReport().findings[1]!, line: 3, endLine: 4, suppressionReason: 'r', scope: 's' }] });
    const findingOrder = Object.keys((rendered.findings as Record<string, unknown>[])[0] ?? {});
    for (const finding of [...(example.findings as object[]), ...(example.fixed as object[])]) expect(isOrderedSubset(Object.keys(finding), findingOrder)).toBe(true);
    const checkOrder = ['ruleId', 'title', 'category', 'severity', 'status', 'docs', 'skippedReason', 'counts'];
    for (const check of example.checks as object[]) expect(isOrderedSubset(Object.keys(check), checkOrder)).toBe(true);
  });
});

describe('prettyJsonChunks', () => {
  it('writes exactly what JSON.stringify(value, null, 2) writes, whatever the nesting', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect([...prettyJsonChunks(value)].join('')).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out what JSON.stringify leaves out, and writes null for it in arrays', () => {
    const value = { a: undefined, b: [undefined, () => 1, Symbol('s'), 2], c: { d: () => 1, e: { f: [] } }, g: {} };
    expect([...prettyJsonChunks(value)].join('')).toBe(JSON.stringify(value, null, 2));
  });

  it('hands a large value on in chunks of about 64 KB, never as one string', () => {
    const value = { findings: Array.from({ length: 5000 }, (_, index) => ({ message: `finding ${index} `.repeat(10), line: index })) };
    const chunks = [...prettyJsonChunks(value)];
    expect(chunks.length).toBeGreaterThan(10);
    // A chunk is handed on once it passes 64 KB: at most one run of elements past it.
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(128 * 1024);
    expect(chunks.join('')).toBe(JSON.stringify(value, null, 2));
  });
});
