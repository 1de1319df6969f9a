import { describe, expect, it } from 'vitest';
import { emptyCost } from '../../cost/model.js';
import type { InlineSuppression, ParseIssue } from '../../iac/model.js';
import { plainConfig } from '../../test-support.js';
import { parseError } from './parse-error.js';
import { unexplainedSuppression } from './unexplained-suppression.js';

const base = { files: [], resources: [], cost: emptyCost(), config: plainConfig(), options: {} };

describe('parse-error', () => {
  it('reports head-side issues with file and line, and ignores the base side', () => {
    const parseIssues: ParseIssue[] = [
      { file: 'k8s/a.yaml', side: 'head', message: 'invalid YAML: bad indentation', line: 7, column: 3 },
      { file: 'k8s/b.yaml', side: 'base', message: 'invalid YAML: x', line: 1 },
      { file: 'c.json', side: 'head', message: 'YAML aliases expand beyond the safety limit' },
    ];
    const findings = parseError.run({ ...base, parseIssues, suppressions: [] });
    expect(findings).toEqual([
      { message: 'Not analysed: invalid YAML: bad indentation', fix: expect.stringContaining('line 7'), file: 'k8s/a.yaml', line: 7 },
      { message: 'Not analysed: YAML aliases expand beyond the safety limit', fix: expect.stringContaining('ignore'), file: 'c.json' },
    ]);
  });
});

describe('unexplained-suppression', () => {
  it('reports suppressions without a reason only', () => {
    const suppressions: InlineSuppression[] = [
      { file: 'a.tf', line: 3, ruleId: 'pr-size' },
      { file: 'a.tf', line: 9, ruleId: 'pr-size', reason: 'generated file' },
    ];
    expect(unexplainedSuppression.run({ ...base, parseIssues: [], suppressions })).toEqual([
      { message: 'tollgate:ignore pr-size has no reason.', key: 'pr-size', fix: expect.stringContaining('<reason>'), file: 'a.tf', line: 3 },
    ]);
  });
});
