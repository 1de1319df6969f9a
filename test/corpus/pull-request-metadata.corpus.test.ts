import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../src/changes/model.js';
import { runGate } from '../../src/gate.js';
import type { CommitInfo, PullRequestInfo } from '../../src/pull-request.js';
import { renderComment } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/model.js';
import { renderText } from '../../src/report/text.js';
import { changeSet, plainConfig } from '../../src/test-support.js';
import { allText, goodFiles, STACK_FRAME } from './pull-request.js';

/**
 * Hostile pull-request metadata (title, body, branch, commits) through the whole pipeline and the
 * comment renderer: every hygiene rule that reads it must finish with a plain finding, and nothing
 * from the author may break the comment's markdown, ping anyone or echo a secret.
 */

const HYGIENE_WITH_COMMITS = plainConfig({
  ruleSettings: {
    'commit-message-format': { level: 'warning', options: { 'squash-merge': false } },
    'branch-name': { level: 'notice', options: { pattern: '^(feat|fix|chore)/[a-z0-9-]+$' } },
  },
});

const RTL_OVERRIDE = '\u202E';
const commit = (message: string, sha: string, parents = 1): CommitInfo => ({ sha, message, parents });

function gateWith(pr: PullRequestInfo, files: ChangedFile[] = goodFiles()): Report {
  return runGate({ config: HYGIENE_WITH_COMMITS, changes: changeSet(files), pr });
}

function pr(overrides: Partial<PullRequestInfo>): PullRequestInfo {
  return { title: 'feat(infra): add web tier', body: 'Adds the web tier.\n\nCloses #42', headBranch: 'feat/web-tier', baseBranch: 'main', commits: [commit('feat(infra): add web tier', 'a'.repeat(40))], ...overrides };
}

const ruleMessages = (report: Report, ruleId: string): string[] => report.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => finding.message);

/** The promises every hostile case shares: no stack, a bounded comment without live mentions or raw HTML from the author. */
function expectSafe(report: Report): string {
  expect(allText(report)).not.toMatch(STACK_FRAME);
  const comment = renderComment(report);
  expect(comment.length).toBeLessThanOrEqual(65_536);
  expect(comment).not.toMatch(/(^|[^\u200B\w`])@(octocat|everyone|acme)\b/);
  expect(comment).not.toContain('<script');
  expect(renderText(report, { color: false })).not.toContain(RTL_OVERRIDE);
  return comment;
}

describe('hostile pull-request metadata', () => {
  it('an empty title: pr-title-format reports it, everything else still runs', () => {
    const report = gateWith(pr({ title: '' }));
    expectSafe(report);
    expect(ruleMessages(report, 'pr-title-format')).toEqual([expect.stringMatching(/title/i)]);
    expect(report.checks.find((check) => check.ruleId === 'k8s-readiness-probe')?.status).toBeDefined();
  });

  it('a 100 kB body: pr-description passes on length, and the comment stays within its budget', () => {
    const body = `## Summary\n${'Lorem ipsum dolor sit amet. '.repeat(3_600)}\nCloses #42`;
    expect(body.length).toBeGreaterThan(100_000);
    const report = gateWith(pr({ body }));
    const comment = expectSafe(report);
    expect(ruleMessages(report, 'pr-description')).toEqual([]);
    expect(comment).not.toContain('Lorem ipsum dolor sit amet. '.repeat(10));
  });

  it('emoji and right-to-left characters in the title and branch: reported, never written raw to a terminal', () => {
    const title = `🚀 ${RTL_OVERRIDE}gnissap lla stset`;
    const report = gateWith(pr({ title, headBranch: `feat/🚀-${RTL_OVERRIDE}x` }));
    expectSafe(report);
    expect(ruleMessages(report, 'pr-title-format')).toHaveLength(1);
    expect(ruleMessages(report, 'branch-name')).toHaveLength(1);
  });

  it('a commit message of whitespace only: commit-message-format names the commit, not an empty header', () => {
    const report = gateWith(pr({ commits: [commit('feat: add subnets', 'b'.repeat(40)), commit('  \n\t\n ', 'c'.repeat(40))] }));
    expectSafe(report);
    const messages = ruleMessages(report, 'commit-message-format');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('ccccccc');
  });

  it('markdown, HTML and mentions in the title are escaped in the comment', () => {
    const title = 'WIP: <script>alert(1)</script> | **bold** @octocat @acme/platform [x](https://evil.example)';
    const report = gateWith(pr({ title }));
    const comment = expectSafe(report);
    expect(ruleMessages(report, 'no-wip-commits').length + ruleMessages(report, 'pr-title-format').length).toBeGreaterThan(0);
    expect(comment).not.toContain('[x](https://evil.example)');
    expect(comment).not.toContain('**bold**');
  });

  it('a 20 MB added file and a binary file holding a secret look-alike: sized, never echoed', () => {
    const fakeKey = ['AKIA', 'Z7Q3', 'X5W2', 'R4T4', 'Y6U2'].join('');
    const files: ChangedFile[] = [
      ...goodFiles(),
      { path: 'assets/dump.bin', status: 'added', size: 20 * 1024 * 1024, binary: true },
      { path: 'assets/key.bin', status: 'added', size: 2_048, binary: true, note: `binary, not scanned` },
      { path: 'config/app.env', status: 'added', after: `AWS_ACCESS_KEY_ID=${fakeKey}\n`, patch: `@@ -0,0 +1 @@\n+AWS_ACCESS_KEY_ID=${fakeKey}` },
    ];
    const report = gateWith(pr({}), files);
    const comment = expectSafe(report);
    expect(report.findings.filter((finding) => finding.ruleId === 'large-files').map((finding) => finding.file)).toContain('assets/dump.bin');
    expect(report.findings.some((finding) => finding.ruleId === 'secrets-in-diff' && finding.file === 'config/app.env')).toBe(true);
    expect(allText(report)).not.toContain(fakeKey);
    expect(comment).not.toContain(fakeKey);
  });
});
