import { describe, expect, it } from 'vitest';
import { runGate } from '../gate.js';
import { changeSet, plainConfig } from '../test-support.js';
import { linkTarget, outputsFor, skippedOutputs } from './publish.js';
import type { PullRequestContext } from './context.js';

describe('action outputs', () => {
  it('carry the verdict, unsuppressed findings, cost delta and report path', () => {
    const report = runGate({
      config: plainConfig(),
      changes: changeSet([
        { path: 'a/terraform.tfstate', status: 'added', after: '{}' },
        { path: 'b/terraform.tfstate', status: 'added', after: '{}' },
      ]),
    });
    expect(outputsFor(report, '/tmp/r.json')).toEqual({
      verdict: 'fail',
      'cost-delta': '0.00',
      findings: '2',
      'new-findings': '2',
      'existing-findings': '0',
      'fixed-findings': '0',
      'report-json': '/tmp/r.json',
    });
  });

  it('say skipped when there is no pull request', () => {
    expect(skippedOutputs()).toMatchObject({ verdict: 'skipped', findings: '0' });
  });
});

describe('linkTarget', () => {
  it('points file links at the head commit on the configured server', () => {
    const context = { owner: 'o', repo: 'r', headSha: 'h', serverUrl: 'https://ghes.example.com' } as PullRequestContext;
    expect(linkTarget(context)).toEqual({ serverUrl: 'https://ghes.example.com', repository: 'o/r', sha: 'h' });
  });
});
