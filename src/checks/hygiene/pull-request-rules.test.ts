import { describe, expect, it } from 'vitest';
import { emptyCost } from '../../cost/model.js';
import type { CommitInfo, PullRequestInfo } from '../../pull-request.js';
import { plainConfig } from '../../test-support.js';
import type { Rule, RuleFinding, RuleSkip } from '../model.js';
import { branchName } from './branch-name.js';
import { commitMessageFormat } from './commit-message-format.js';
import { DEFAULT_TYPES, headerProblem, suggestHeader, type HeaderRules } from './conventional-commit.js';
import { linkedIssue } from './linked-issue.js';
import { noMergeCommits } from './no-merge-commits.js';
import { noWipCommits } from './no-wip-commits.js';
import { prDescription } from './pr-description.js';
import { prTitleFormat } from './pr-title-format.js';

function pr(overrides: Partial<PullRequestInfo> = {}): PullRequestInfo {
  return { number: 7, title: 'feat(vpc): add private subnets', body: 'Adds two private subnets for the batch workers. Closes #41.', headBranch: 'feat/private-subnets', ...overrides };
}

function run(rule: Rule, pull: PullRequestInfo | undefined, options: Record<string, unknown> = {}): RuleFinding[] | RuleSkip {
  return rule.run({ files: [], resources: [], parseIssues: [], suppressions: [], cost: emptyCost(), config: plainConfig(), options, ...(pull ? { pr: pull } : {}) });
}

function commit(message: string, parents = 1, sha = 'a1b2c3d4e5f6'): CommitInfo {
  return { sha, message, parents };
}

const RULES: HeaderRules = { types: DEFAULT_TYPES, scopes: [], requireScope: false, maxLength: 100 };

describe('Conventional Commit headers', () => {
  const valid = [
    'feat: add the logs bucket',
    'fix(dns): lower the TTL',
    'feat(api)!: drop the v1 endpoint',
    'feat!: require TLS 1.2',
    'chore(deps): bump hashicorp/aws from 5.31.0 to 5.40.0',
    'refactor(k8s,helm): share the probe template',
    'docs: describe the 🚀 release process',
    'fix: עדכון כתובת השרת',
    'Revert "feat: add the logs bucket"',
  ];
  it.each(valid)('accepts %s', (header) => expect(headerProblem(header, RULES)).toBeUndefined());

  const invalid: Array<[string, RegExp, string]> = [
    ['Update the README with new information.', /is not a Conventional Commit header/, 'chore: update the README with new information'],
    ['Feat: add bucket', /capitals/, 'feat: add bucket'],
    ['feature(api): add bucket', /not one of/, 'feat(api): add bucket'],
    ['fix:missing space', /colon, then one space/, 'fix: missing space'],
    ['fix : extra space', /colon, then one space/, 'fix: extra space'],
    ['fix(): empty scope', /empty scope/, 'fix: empty scope'],
    ['feat: ', /no subject/, 'feat: describe the change'],
    ['', /empty/, 'chore: describe the change'],
    ['   ', /empty/, 'chore: describe the change'],
    ['Fix - the dns record', /is not a Conventional Commit header/, 'fix: the dns record'],
    [`feat: ${'x'.repeat(120)}`, /longer than 100/, `feat: ${'x'.repeat(120)}`],
  ];
  it.each(invalid)('rejects %j and suggests a fix', (header, problem, suggestion) => {
    expect(headerProblem(header, RULES)).toMatch(problem);
    expect(suggestHeader(header, RULES)).toBe(suggestion);
  });

  it('applies scopes, required scopes and the subject pattern', () => {
    const strict = { ...RULES, scopes: ['vpc', 'dns'], requireScope: true, subjectPattern: /^[a-z]/u };
    expect(headerProblem('feat(vpc): add subnets', strict)).toBeUndefined();
    expect(headerProblem('feat(db): add subnets', strict)).toMatch(/scope `db`/);
    expect(headerProblem('feat: add subnets', strict)).toMatch(/no scope/);
    expect(headerProblem('feat(vpc): Add subnets', strict)).toMatch(/subject/);
  });
});

describe('pr-title-format', () => {
  it('passes a conventional title and reports a free-form one with the accepted form and a suggestion', () => {
    expect(run(prTitleFormat, pr())).toEqual([]);
    expect(run(prTitleFormat, pr({ title: 'Add the **logs** bucket' }))).toEqual([
      {
        message: 'The pull request title "Add the **logs** bucket" is not a Conventional Commit header; the accepted form is `type(scope)!: subject`.',
        fix: 'Retitle it, for example: `feat: add the **logs** bucket`.',
      },
    ]);
  });

  it('skips without pull request metadata, and on a bad subject pattern', () => {
    expect(run(prTitleFormat, undefined)).toHaveProperty('skip');
    expect(run(prTitleFormat, pr(), { 'subject-pattern': '(' })).toEqual({ skip: expect.stringContaining('not a valid regular expression') });
  });

  it('uses configured types', () => {
    expect(run(prTitleFormat, pr({ title: 'infra: move the VPC' }), { types: ['infra'] })).toEqual([]);
  });

  it('stands aside where the base branch does not keep the convention, unless told to judge anyway', () => {
    const freeForm = Array.from({ length: 20 }, (_, index) => (index < 6 ? `chore(deps): bump lib${index}` : `Update service ${index}`));
    const kept = Array.from({ length: 20 }, (_, index) => (index < 10 ? `fix: bug ${index}` : index === 10 ? 'Revert "fix: bug 1"' : `Update docs ${index}`));
    const title = { title: 'Update the README' };
    expect(run(prTitleFormat, pr({ ...title, baseHistory: freeForm }))).toEqual({
      skip: "the base branch's commits do not follow Conventional Commits (6 of its last 20 do); set only-if-kept: false to hold titles to them anyway",
    });
    expect(run(prTitleFormat, pr({ ...title, baseHistory: freeForm }), { 'only-if-kept': false })).toHaveLength(1);
    // Half of the history (a revert counts) is enough; nine commits say nothing either way.
    expect(run(prTitleFormat, pr({ ...title, baseHistory: kept }))).toHaveLength(1);
    expect(run(prTitleFormat, pr({ ...title, baseHistory: freeForm.slice(-9) }))).toHaveLength(1);
    expect(run(prTitleFormat, pr(title))).toHaveLength(1);
  });

  it('caps a 100 kB title in its message', () => {
    const [finding] = run(prTitleFormat, pr({ title: 'x'.repeat(100_000) })) as RuleFinding[];
    expect(finding?.message.length).toBeLessThan(300);
  });
});

describe('commit-message-format', () => {
  const commits = [commit('feat: add subnets'), commit('updated stuff\n\nmore words', 1, 'bbbbbbb1'), commit('   \n', 1, 'ccccccc1'), commit("Merge branch 'main' into x", 2), commit('fixup! feat: add subnets')];

  it('stands aside for squash-merging repositories by default', () => {
    expect(run(commitMessageFormat, pr({ commits }))).toEqual({ skip: expect.stringContaining('squash') });
  });

  it('checks every non-merge, non-fixup commit when squash-merge is off', () => {
    const findings = run(commitMessageFormat, pr({ commits }), { 'squash-merge': false }) as RuleFinding[];
    expect(findings.map((f) => f.message)).toEqual([
      'Commit bbbbbbb "updated stuff" is not a Conventional Commit header; the accepted form is `type(scope)!: subject`.',
      'Commit ccccccc "" is empty; the accepted form is `type(scope)!: subject`.',
    ]);
    expect(findings[0]?.fix).toContain('chore: updated stuff');
  });

  it('summarises beyond ten commits', () => {
    const many = Array.from({ length: 14 }, (_, index) => commit(`bad ${index}`, 1, `${index}`.padStart(7, '0')));
    const findings = run(commitMessageFormat, pr({ commits: many }), { 'squash-merge': false }) as RuleFinding[];
    expect(findings).toHaveLength(11);
    expect(findings.at(-1)?.message).toBe('4 more commits break the format.');
  });
});

describe('no-wip-commits', () => {
  const titles: Array<[string, boolean]> = [
    ['WIP: new subnets', true],
    ['[WIP] new subnets', true],
    ['wip new subnets', true],
    ['Draft: new subnets', true],
    ['DNM: new subnets', true],
    ['Do not merge - testing', true],
    ['🚧 new subnets', true],
    ['feat: wipe the cache on deploy', false],
    ['fix: drafted policy text', false],
  ];
  it.each(titles)('title %j is work in progress: %s', (title, wip) => {
    expect((run(noWipCommits, pr({ title })) as RuleFinding[]).length).toBe(wip ? 1 : 0);
  });

  it('reports fixup, squash, amend and WIP commits', () => {
    const commits = [commit('fixup! feat: x'), commit('squash! feat: x'), commit('amend! feat: x'), commit('WIP'), commit('feat: fixup! is a word here')];
    const findings = run(noWipCommits, pr({ commits })) as RuleFinding[];
    expect(findings).toHaveLength(4);
    expect(findings[0]?.fix).toContain('--autosquash');
  });
});

describe('no-merge-commits', () => {
  it('reports commits with two or more parents and skips without commits', () => {
    const findings = run(noMergeCommits, pr({ baseBranch: 'main', commits: [commit('feat: x'), commit("Merge branch 'main' into feat/x", 2, 'deadbeef1')] })) as RuleFinding[];
    expect(findings).toEqual([{ message: `Commit deadbee "Merge branch 'main' into feat/x" is a merge commit (2 parents) inside the pull request.`, fix: expect.stringContaining('git rebase main') }]);
    expect(run(noMergeCommits, pr())).toHaveProperty('skip');
  });
});

describe('pr-description', () => {
  const template = '## Why\n<!-- explain -->\n\n## Testing\n- [ ] unit tests\n';
  const cases: Array<[string, Record<string, unknown>, number]> = [
    ['Adds two private subnets for the batch workers.', {}, 0],
    ['', {}, 1],
    ['fix', {}, 1],
    [template, {}, 1],
    ['## Why\nThe batch workers need their own subnets.\n## Testing\nterraform plan in staging.', { 'required-sections': ['Why', 'Testing'] }, 0],
    // The checklist item counts as text under Testing; the Why section holds only a comment.
    [template, { 'required-sections': ['why', 'Testing', 'Rollback'], 'min-length': 0 }, 2],
    ['x'.repeat(100_000), {}, 0],
  ];
  it.each(cases)('body %j with %j has %i findings', (body, options, count) => {
    expect((run(prDescription, pr({ body }), options) as RuleFinding[]).length).toBe(count);
  });

  it('skips a local run without a body', () => {
    expect(run(prDescription, { title: 'feat: x', body: '' })).toHaveProperty('skip');
  });
});

describe('linked-issue', () => {
  const cases: Array<[Partial<PullRequestInfo>, Record<string, unknown>, boolean]> = [
    [{ body: 'Closes #41.' }, {}, true],
    [{ body: 'See acme/platform#12' }, {}, true],
    [{ body: 'https://github.com/acme/platform/issues/12' }, {}, true],
    [{ title: 'fix(dns): lower the TTL (#88)', body: '' }, {}, true],
    [{ body: '', headBranch: '482-lower-ttl' }, {}, true],
    [{ body: '', headBranch: 'fix/482-lower-ttl' }, {}, true],
    [{ body: 'Part of OPS-1234' }, { 'tracker-pattern': '\\bOPS-\\d+\\b' }, true],
    [{ body: 'Colour #fff and anchor #readme', headBranch: 'fix/dns' }, {}, false],
    [{ body: 'Lowers the TTL.', headBranch: 'fix/dns' }, {}, false],
    [{ body: '', author: 'dependabot[bot]', headBranch: 'dependabot/npm/x' }, {}, true],
  ];
  it.each(cases)('%j (%j) links an issue: %s', (overrides, options, linked) => {
    expect((run(linkedIssue, pr({ title: 'fix: x', ...overrides }), options) as RuleFinding[]).length).toBe(linked ? 0 : 1);
  });

  it('stands aside where people do not name issues in their commits, GitHub’s squash suffix aside', () => {
    const squashed = Array.from({ length: 25 }, (_, index) => (index < 3 ? `fix: bug ${index}\n\nCloses #${index + 10}.` : index === 3 ? 'Update docs (#103)\n\n* first pass (#99)' : `Update docs (#${index + 100})`));
    const linking = Array.from({ length: 20 }, (_, index) => (index < 4 ? `fix: bug ${index} (#${index + 100})\n\nFixes OPS-${index}` : `Update docs ${index}`));
    const unlinked = { body: 'Lowers the TTL.', headBranch: 'fix/dns' };
    expect(run(linkedIssue, pr({ ...unlinked, baseHistory: squashed }))).toEqual({
      skip: "the base branch's commits do not name issues (4 of its last 25 do); set only-if-kept: false to ask every pull request for one anyway",
    });
    expect(run(linkedIssue, pr({ ...unlinked, baseHistory: squashed }), { 'only-if-kept': false })).toHaveLength(1);
    // A tracker key counts where the pattern names it: four in twenty is one in five.
    expect(run(linkedIssue, pr({ ...unlinked, baseHistory: linking }))).toEqual({ skip: expect.stringContaining('0 of its last 20 do') });
    expect(run(linkedIssue, pr({ ...unlinked, baseHistory: linking }), { 'tracker-pattern': '\\bOPS-\\d+\\b' })).toHaveLength(1);
  });
});

describe('branch-name', () => {
  const pattern = '^(feat|fix|chore|docs)/[a-z0-9._-]+$';
  it.each([
    ['feat/private-subnets', 0],
    ['Johns-Branch', 1],
    ['dependabot/npm_and_yarn/yaml-2.9.0', 0],
  ])('%s has %i findings', (headBranch, count) => {
    expect((run(branchName, pr({ headBranch }), { pattern }) as RuleFinding[]).length).toBe(count);
  });

  it('skips without a pattern or a branch', () => {
    expect(run(branchName, pr())).toEqual({ skip: expect.stringContaining('options.pattern') });
    expect(run(branchName, { title: 't', body: '' }, { pattern })).toEqual({ skip: expect.stringContaining('--branch') });
  });
});
