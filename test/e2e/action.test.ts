import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksTable } from '../support/comment-structure.js';
import { secondaryRateLimit, serverError, type FakeGitHub, type FakeRepo, type Tree } from './fake-github.js';
import { fixtureTrees, webhookExample } from './payloads.js';
import { assertBundleBuilt } from './run-action.js';
import { annotationsIn, BASE_SHA, closeFakes, HEAD_SHA, log, MARKER, OWNER, prEvent, REPO, repoWith, ROUTE, run, startFake as startFakeFor } from './scenario.js';
import { PLANTED } from './secrets.js';

const NEXT_HEAD_SHA = '2'.repeat(40);
const COMMENTS = ROUTE.createComment;
const COMMENT_UPDATE = ROUTE.updateComment;
const COMMENT_DELETE = ROUTE.deleteComment;
const CHECK_CREATE = ROUTE.createCheck;
const CHECK_UPDATE = ROUTE.updateCheck;

function startFake(head: Tree = fixtureTrees().head): Promise<FakeGitHub> {
  return startFakeFor(repoWith(head));
}

function manyArtifacts(count: number): Tree {
  const head = { ...fixtureTrees().head };
  for (let index = 0; index < count; index += 1) head[`stacks/s${String(index).padStart(2, '0')}/terraform.tfstate`] = '{"version": 4}\n';
  return head;
}

beforeAll(() => {
  assertBundleBuilt();
});

afterAll(closeFakes);

// Each test has its own fake GitHub and action process, and most of a run is waiting on the
// throttling plugin's spacing of writes: the tests wait side by side.
describe.concurrent('tollgate action against a fake GitHub', () => {
  it('comments once, creates a check run on the head commit, and fails on a committed state file', async () => {
    const github = await startFake();
    const result = await run(github);

    expect(result.exitCode, log(result)).toBe(1);
    expect(github.requestsTo(COMMENTS)).toHaveLength(1);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toContain(MARKER);
    expect(github.comments[0]?.body).toContain('terraform.tfstate');
    // The layout: the verdict, the cost delta and one row per area; then each area's new findings by
    // file, and what the pull request fixed, folded, its base files linked at the base commit.
    const body = github.comments[0]?.body ?? '';
    expect(body).toMatch(/^Cost \*\*\+\$\d+\.\d{2} a month\*\* \([^)]*\) · 3 new \(1 error, 2 notices\) · 5 fixed$/m);
    expect(checksTable(body).map(({ area, result, new: fresh, fixed }) => [area, result, fresh, fixed])).toEqual([
      ['Cost', '✅ pass', 0, 0],
      ['Deployment', '✅ pass', 0, 5],
      ['Hygiene', '❌ fail', 3, 0],
    ]);
    expect(body).toContain(`**[infra/terraform.tfstate](https://github.test/acme/platform/blob/${HEAD_SHA}/infra/terraform.tfstate)**`);
    expect(body).toMatch(new RegExp(`<details><summary>Fixed by this pull request \\(5\\)</summary>\n\n\\*\\*\\[k8s/deployment\\.yaml\\]\\(https://github\\.test/acme/platform/blob/${BASE_SHA}/k8s/deployment\\.yaml\\)\\*\\*`));
    expect(body).toMatch(new RegExp(`\\[line \\d+\\]\\(https://github\\.test/acme/platform/blob/${BASE_SHA}/k8s/deployment\\.yaml#L\\d+\\)`));

    const [checkRun] = github.checkRuns;
    expect(github.checkRuns).toHaveLength(1);
    expect(checkRun?.name).toBe('tollgate');
    expect(checkRun?.head_sha).toBe(HEAD_SHA);
    expect(checkRun?.conclusion).toBe('failure');
    expect(checkRun?.output.title).toMatch(/^Failed: 3 new \(1 error, 2 notices\), 5 fixed; cost/);
    expect(checkRun?.output.annotations).toContainEqual(
      expect.objectContaining({ path: 'infra/terraform.tfstate', annotation_level: 'failure', title: 'no-committed-artifacts' }),
    );

    expect(result.outputs['verdict']).toBe('fail');
    expect(Number(result.outputs['findings'])).toBeGreaterThanOrEqual(1);
    expect([result.outputs['new-findings'], result.outputs['existing-findings'], result.outputs['fixed-findings']]).toEqual(['3', '0', '5']);
    expect(result.outputs['cost-delta']).toMatch(/^-?\d+\.\d{2}$/);
    expect(result.outputs['report-json']).toMatch(/tollgate-report\.json$/);
    expect(JSON.parse(result.files['report'] ?? '{}')).toMatchObject({ verdict: 'fail' });
    expect(result.summary).toContain('tollgate: fail');

    expect(github.requests.filter((request) => request.route === 'unmatched')).toEqual([]);
    for (const request of github.requests) expect(request.headers['authorization']).toBe(`token ${PLANTED.token}`);
  });

  it('judges with the base branch’s custom policies, read through the contents API, though the pull request deletes them', async () => {
    const policyFile = '.github/tollgate/policies/capacity.yml';
    const policy = [
      'policies:',
      '  - id: replica-ceiling',
      '    title: Deployments stay within three replicas without a capacity review',
      '    severity: error',
      '    message: more than three replicas needs a capacity review',
      '    fix: Keep replicas at 3 or below, or get the capacity review and raise the ceiling.',
      '    match: { kubernetes: Deployment }',
      '    assert: { path: spec.replicas, lte: 3 }',
      '',
    ].join('\n');
    const { base, head } = fixtureTrees();
    const github = await startFakeFor(repoWith(head, { ...base, [policyFile]: policy }));
    const result = await run(github);

    expect(result.exitCode, log(result)).toBe(1);
    const listings = github.requestsTo(ROUTE.getContent).filter((request) => decodeURIComponent(request.path).endsWith('/contents/.github/tollgate/policies'));
    // The base's policies judge; the head's are read to show what deleting them would do once merged.
    expect(listings.map((request) => request.query.get('ref'))).toEqual([BASE_SHA, HEAD_SHA]);
    const body = github.comments[0]?.body ?? '';
    expect(body).toMatch(/ · 5 new \(2 errors, 1 warning, 2 notices\)/);
    expect(checksTable(body).find((row) => row.area === 'Custom policies')).toMatchObject({ anchor: 'custom-policies', result: '❌ fail', new: 1 });
    expect(body).toContain('removes custom policy replica-ceiling');
    expect(body).toContain('more than three replicas needs a capacity review (spec.replicas is 4)');
    expect(github.checkRuns[0]?.output.annotations).toContainEqual(expect.objectContaining({ path: 'k8s/deployment.yaml', start_line: 7, title: 'replica-ceiling' }));
  });

  it('extends another repository’s configuration, read once through the API at its ref, and runs the policy packs it lists', async () => {
    const orgFile = 'acme/platform-config/tollgate/base.yml@v3';
    const org = 'fail-on: error\npolicies: ["pack:finops"]\nrules:\n  no-committed-artifacts: off\n';
    const { base, head } = fixtureTrees();
    const config = { '.github/tollgate.yml': `extends: ${orgFile}\n` };
    const repo = { ...repoWith({ ...head, ...config }, { ...base, ...config }), otherRepos: { 'acme/platform-config': { v3: { 'tollgate/base.yml': org } } } };
    const github = await startFakeFor(repo);
    const result = await run(github);

    const orgReads = github.requestsTo(ROUTE.getContent).filter((request) => request.path.startsWith('/repos/acme/platform-config/'));
    expect(orgReads.map((request) => [decodeURIComponent(request.path), request.query.get('ref')])).toEqual([['/repos/acme/platform-config/contents/tollgate/base.yml', 'v3']]);
    // The organisation file turned the state-file rule off and the finops pack on.
    const body = github.comments[0]?.body ?? '';
    expect(body).not.toContain('no-committed-artifacts**');
    expect(result.exitCode, log(result)).toBe(0);
    expect(JSON.parse(result.files['report'] ?? '{}').checks.map((check: { ruleId: string }) => check.ruleId)).toEqual(expect.arrayContaining(['costly-resource-owner', 'cost-increase-ceiling']));
  });

  it('stops with a clear error when the extended repository cannot be read, never falling back to defaults', async () => {
    const { base, head } = fixtureTrees();
    const config = { '.github/tollgate.yml': 'extends: acme/private-config/tollgate.yml@main\n' };
    const github = await startFakeFor(repoWith({ ...head, ...config }, { ...base, ...config }));
    const result = await run(github);
    expect(result.exitCode, log(result)).toBe(1);
    expect(result.stdout).toContain('extends acme/private-config/tollgate.yml@main, which could not be read: not found: the path, repository or ref is wrong, or the token cannot read that repository');
    expect(github.comments).toEqual([]);
  });

  it('fails with the file and line when a custom policy does not load', async () => {
    const { base, head } = fixtureTrees();
    const broken = 'policies:\n  - id: Broken Id\n';
    const github = await startFakeFor(repoWith(head, { ...base, '.github/tollgate/policies/broken.yml': broken }));
    const result = await run(github);
    expect(result.exitCode, log(result)).toBe(1);
    expect(result.stdout).toMatch(/::error file=\.github\/tollgate\/policies\/broken\.yml,line=2[^:]*::.*policies\[0\]/);
    expect(github.comments).toEqual([]);
  });

  it('updates its comment on a new push instead of adding one, and skips an identical re-run', async () => {
    const github = await startFake();
    await run(github);
    const [first] = github.comments;

    github.repo.headSha = NEXT_HEAD_SHA;
    github.repo.head = { ...github.repo.head, 'infra/main.tf': github.repo.head['infra/main.tf']?.replace('t3.large', 't3.xlarge') ?? '' };
    const second = await run(github, { event: prEvent({ action: 'synchronize', headSha: NEXT_HEAD_SHA }) });
    expect(second.exitCode, log(second)).toBe(1);
    expect(github.requestsTo(COMMENTS)).toHaveLength(1);
    expect(github.requestsTo(COMMENT_UPDATE)).toHaveLength(1);
    expect(github.comments.map((comment) => comment.id)).toEqual([first?.id]);
    expect(github.comments[0]?.body).toContain(NEXT_HEAD_SHA);
    expect(github.checkRuns.at(-1)?.head_sha).toBe(NEXT_HEAD_SHA);

    const writesBefore = github.writes().length;
    const third = await run(github, { event: prEvent({ action: 'synchronize', headSha: NEXT_HEAD_SHA }) });
    expect(third.exitCode, log(third)).toBe(1);
    const commentWrites = github
      .writes()
      .slice(writesBefore)
      .filter((request) => ([COMMENTS, COMMENT_UPDATE, COMMENT_DELETE] as string[]).includes(request.route));
    expect(commentWrites).toEqual([]);
    expect(log(third)).toContain('comment unchanged');
  });

  it('keeps the oldest of duplicate comments and ignores a person quoting the marker', async () => {
    const github = await startFake();
    const human = github.seedComment(`> ${MARKER}\nwhy is this failing?`, { login: 'octocat', type: 'User' });
    const older = github.seedComment(`${MARKER}\nold run`);
    const newer = github.seedComment(`${MARKER}\nnewer run`);

    const result = await run(github);
    expect(result.exitCode, log(result)).toBe(1);
    expect(github.comments.map((comment) => comment.id)).toEqual([human.id, older.id]);
    expect(github.requestsTo(COMMENT_DELETE).map((request) => request.path)).toEqual([`/repos/${OWNER}/${REPO}/issues/comments/${newer.id}`]);
    expect(github.requestsTo(COMMENTS)).toHaveLength(0);
    expect(github.comments[1]?.body).toContain('terraform.tfstate');
  });

  it('sends annotations beyond 50 in further check-run updates', async () => {
    const github = await startFake(manyArtifacts(60));
    const result = await run(github);

    expect(result.exitCode, log(result)).toBe(1);
    const creates = github.requestsTo(CHECK_CREATE);
    const updates = github.requestsTo(CHECK_UPDATE);
    expect(creates).toHaveLength(1);
    expect(updates).toHaveLength(1);
    expect(annotationsIn(creates[0]?.body)).toHaveLength(50);
    expect(annotationsIn(updates[0]?.body)).toHaveLength(11);
    expect(github.checkRuns[0]?.output.annotations).toHaveLength(61);
  });

  it('keeps the verdict when a fork gets a read-only token', async () => {
    const github = await startFake();
    github.readOnly = true;
    const result = await run(github, { event: prEvent({ forkOwner: 'outsider' }) });

    expect(result.exitCode, log(result)).toBe(1);
    expect(github.comments).toEqual([]);
    expect(github.checkRuns).toEqual([]);
    expect(result.summary).toContain('tollgate: fail');
    expect(result.outputs['verdict']).toBe('fail');
    expect(log(result)).toMatch(/read-only token/);
    expect(result.stdout).toMatch(/^::error .*file=infra\/terraform\.tfstate/m);
  });

  it('retries a comment that failed with a server error', async () => {
    const github = await startFake();
    github.fault(COMMENTS, [serverError(500)]);
    const result = await run(github);

    expect(result.exitCode, log(result)).toBe(1);
    expect(github.requestsTo(COMMENTS).map((request) => request.status)).toEqual([500, 201]);
    expect(github.comments).toHaveLength(1);
  });

  it('waits out a secondary rate limit for as long as retry-after says', async () => {
    const github = await startFake();
    github.fault(COMMENTS, [secondaryRateLimit(1)]);
    const started = Date.now();
    const result = await run(github);

    expect(result.exitCode, log(result)).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(github.requestsTo(COMMENTS).map((request) => request.status)).toEqual([403, 201]);
    expect(github.comments).toHaveLength(1);
    expect(log(result)).toContain('secondary rate limit');
  });

  it('reports why the comment is missing when GitHub keeps failing, and still exits by the verdict', async () => {
    const github = await startFake();
    github.fault(COMMENTS, [serverError(502), serverError(502), serverError(502), serverError(502)]);
    const result = await run(github);

    expect(result.exitCode, log(result)).toBe(1);
    expect(github.requestsTo(COMMENTS)).toHaveLength(4);
    expect(log(result)).toMatch(/No pull request comment: .*HTTP 502/);
    expect(github.checkRuns).toHaveLength(1);
    expect(result.outputs['verdict']).toBe('fail');
  }, 40_000);

  it('passes a clean change, and in on-failure mode removes the comment a failing run left', async () => {
    const { 'infra/terraform.tfstate': _state, ...head } = fixtureTrees().head;
    const github = await startFake(head);
    const stale = github.seedComment(`${MARKER}\nfailed before`);
    const result = await run(github, { inputs: { comment: 'on-failure' } });

    expect(result.exitCode, log(result)).toBe(0);
    expect(result.outputs['verdict']).toBe('pass');
    expect(github.comments).toEqual([]);
    expect(github.requestsTo(COMMENT_DELETE).map((request) => request.path)).toEqual([`/repos/${OWNER}/${REPO}/issues/comments/${stale.id}`]);
    expect(github.checkRuns[0]?.conclusion).toBe('success');
  });

  it('turns a budget failure into a warning when the approval label is on the pull request, and names who added it', async () => {
    const config = { '.github/tollgate.yml': 'rules:\n  no-committed-artifacts: off\n  cost-budget:\n    level: error\n    options:\n      max-delta: 5\n      approval-label: cost-approved\n' };
    const { base, head } = fixtureTrees();
    const repo = repoWith({ ...head, ...config }, { ...base, ...config });
    const events: FakeRepo['labelEvents'] = [
      { event: 'labeled', label: 'cost-approved', actor: 'octo-intern' },
      { event: 'labeled', label: 'infra', actor: 'octocat' },
      { event: 'labeled', label: 'Cost-Approved', actor: 'finops-lead' },
    ];
    const unlabelled = await startFakeFor(repo);
    const github = await startFakeFor({ ...repo, labelEvents: events });
    const [blocked, approved] = await Promise.all([run(unlabelled), run(github, { event: prEvent({ labels: ['infra', 'cost-approved'] }) })]);

    expect(blocked.outputs['verdict'], log(blocked)).toBe('fail');
    expect(approved.exitCode, log(approved)).toBe(0);
    expect(approved.outputs['verdict']).toBe('warn');
    expect(github.requestsTo(ROUTE.listEvents)).toHaveLength(1);
    // the comment breaks the mention with a zero-width space, so the approver is named, not notified
    expect(github.comments[0]?.body).toContain('Approved by @\u200bfinops-lead with the cost-approved label.');
  });

  it('reads fail-on from the config file on the base branch and the input over it', async () => {
    const config = { '.github/tollgate.yml': 'rules:\n  no-committed-artifacts: warning\n' };
    const { base, head } = fixtureTrees();
    const repo = repoWith({ ...head, ...config }, { ...base, ...config });
    const github = await startFakeFor(repo);
    const strictGithub = await startFakeFor(repo);
    const [warned, strict] = await Promise.all([run(github), run(strictGithub, { inputs: { 'fail-on': 'warning' } })]);

    expect(warned.exitCode, log(warned)).toBe(0);
    expect(warned.outputs['verdict']).toBe('warn');
    expect(github.checkRuns.at(-1)?.conclusion).toBe('neutral');
    expect(strict.exitCode, log(strict)).toBe(1);
    expect(strict.outputs['verdict']).toBe('fail');
  });

  it('judges a pull request that loosens its own gate with the base branch’s configuration, and says what the change would do', async () => {
    const { base, head } = fixtureTrees();
    const github = await startFakeFor(repoWith({ ...head, '.github/tollgate.yml': 'fail-on: never\nrules:\n  no-committed-artifacts: off\n' }, base));
    const result = await run(github);
    expect(result.exitCode, log(result)).toBe(1);
    expect(result.outputs['verdict']).toBe('fail');
    const body = github.comments[0]?.body ?? '';
    expect(body).toContain("> ⚠️ This pull request changes tollgate's configuration (`.github/tollgate.yml`): under the new configuration the verdict would be **warn**; it loosens the gate in 2 ways");
    expect(body).toContain('lowers fail-on from error to never in .github/tollgate.yml; that loosens the gate');
    expect(body).toContain('turns no-committed-artifacts off (was error) in .github/tollgate.yml');
    expect(github.checkRuns.at(-1)?.output.annotations).toContainEqual(expect.objectContaining({ path: '.github/tollgate.yml', start_line: 1, annotation_level: 'warning', title: 'config-change' }));
  });

  it('passes a pull request that only tightens the configuration, with a notice', async () => {
    const { base } = fixtureTrees();
    const github = await startFakeFor(repoWith({ ...base, '.github/tollgate.yml': 'judge: all\n' }, base));
    const result = await run(github);
    expect(result.exitCode, log(result)).toBe(0);
    const report = JSON.parse(result.files['report'] ?? '{}') as { verdict: string; findings: Array<{ ruleId: string; severity: string; status: string }> };
    expect(report.findings.filter((finding) => finding.ruleId === 'config-change')).toEqual([expect.objectContaining({ severity: 'notice', status: 'new' })]);
    expect(report.verdict).toBe('pass');
  });

  it('lets a pull request that repairs a broken base configuration pass, and says whose configuration judged', async () => {
    const { base } = fixtureTrees();
    const github = await startFakeFor(repoWith({ ...base, '.github/tollgate.yml': 'fail-on: error\n' }, { ...base, '.github/tollgate.yml': 'fail-on: sometimes\n' }));
    const result = await run(github);
    expect(result.exitCode, log(result)).toBe(0);
    expect(github.comments[0]?.body).toContain('> ⚠️ The configuration on the base branch does not load (.github/tollgate.yml:1: fail-on: "sometimes" is not allowed');
  });

  it('skips events other than pull requests without calling GitHub', async () => {
    const github = await startFake();
    const result = await run(github, { eventName: 'push', event: webhookExample('push') });

    expect(result.exitCode, log(result)).toBe(0);
    expect(result.outputs['verdict']).toBe('skipped');
    expect(log(result)).toContain('tollgate runs on pull_request events; got push');
    expect(github.requests).toEqual([]);
  });

  it('fails with one clear line, and no stack, on a bad input', async () => {
    const github = await startFake();
    const result = await run(github, { inputs: { comment: 'sometimes' } });

    expect(result.exitCode).toBe(1);
    expect(log(result)).toContain('::error::tollgate could not run: input "comment" must be one of update, on-failure, off, review; got "sometimes"');
    expect(log(result)).not.toMatch(/\n\s+at /);
    expect(github.requests).toEqual([]);
  });

  it('fails with the file and line of a bad config file', async () => {
    const bad = { '.github/tollgate.yml': 'fail-on: sometimes\n' };
    const { base, head } = fixtureTrees();
    const github = await startFakeFor(repoWith({ ...head, ...bad }, { ...base, ...bad }));
    const result = await run(github);

    expect(result.exitCode).toBe(1);
    expect(log(result)).toMatch(/::error file=\.github\/tollgate\.yml,line=1::.*sometimes/);
    expect(log(result)).not.toMatch(/\n\s+at /);
  });
});

describe.concurrent('tollgate action with a plan from an earlier step', () => {
  const fixture = (path: string) => readFileSync(new URL(`../fixtures/terraform/plan/${path}`, import.meta.url), 'utf8');

  it('judges and prices the planned root from the plan, says so, and shows the replacement as one', async () => {
    const github = await startFakeFor(repoWith({ 'shop/main.tf': fixture('shop-root/head/main.tf') }, { 'shop/main.tf': fixture('shop-root/base/main.tf') }));
    const result = await run(github, { inputs: { 'terraform-plan': 'plans/*.json' }, workspace: { 'plans/shop.json': fixture('aws-shop.plan.json') } });

    const report = JSON.parse(result.files['report'] ?? '{}') as {
      roots: unknown[];
      resources: Array<{ address: string; change: string; actions?: string[]; file: string; line: number }>;
      cost: { lines: Array<{ address: string }>; delta: number };
      notices: Array<{ kind?: string }>;
    };
    expect(report.roots).toEqual([{ kind: 'terraform-plan', scope: 'shop', file: 'plans/shop.json' }]);
    expect(report.resources.find((resource) => resource.address === 'aws_launch_template.workers')).toMatchObject({ change: 'replaced', actions: ['create', 'delete'], file: 'shop/main.tf' });
    // The remote module's NAT gateway, which the source could not see, is priced from the plan at its module block.
    expect(report.resources.find((resource) => resource.address === 'module.vpc.aws_nat_gateway.this[0]')).toMatchObject({ change: 'added', file: 'shop/main.tf', line: 28 });
    expect(report.cost.lines.map((line) => line.address)).toEqual(expect.arrayContaining(['aws_instance.api[0]', 'aws_instance.api[1]', 'module.vpc.aws_nat_gateway.this[0]']));
    expect(report.notices).not.toContainEqual(expect.objectContaining({ kind: 'remote-module' }));
    expect(github.comments[0]?.body).toContain('Read shop from the plan plans/shop.json.');
  });

  it('fails the run, naming the input, when the plan step wrote nothing there', async () => {
    const github = await startFakeFor(repoWith({ 'shop/main.tf': fixture('shop-root/head/main.tf') }, { 'shop/main.tf': fixture('shop-root/base/main.tf') }));
    const result = await run(github, { inputs: { 'terraform-plan': 'plans/*.json' } });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('terraform-plan: plans/*.json matches no file under');
    // Checked before anything else: a workflow mistake costs no API call.
    expect(github.requests).toEqual([]);
  });
});
