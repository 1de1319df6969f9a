import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeGitHub, RecordedRequest, Tree } from './fake-github.js';
import { assertBundleBuilt } from './run-action.js';
import { closeFakes, HEAD_SHA, log, MARKER, prEvent, repoWith, run, startFake } from './scenario.js';

/** `comment: review`: a pull request review with inline comments on new findings, replaced on every run. */

const FIXED_SHA = '2'.repeat(40);
const REVIEW_ROUTES = /^(GET|POST|PUT|DELETE) \/repos\/:o\/:r\/pulls\/(:n\/reviews|comments)/;

function deployment(lines: { podSpec?: string[]; image: string; limits: boolean }): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  namespace: shop',
    'spec:',
    '  replicas: 3',
    '  selector:',
    '    matchLabels:',
    '      app: web',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: web',
    '    spec:',
    ...(lines.podSpec ?? []),
    '      containers:',
    '        - name: web',
    `          image: registry.example.com/shop/web:${lines.image}`,
    '          ports:',
    '            - containerPort: 8080',
    '          resources:',
    '            requests:',
    '              cpu: 250m',
    ...(lines.limits ? ['              memory: 256Mi', '            limits:', '              memory: 256Mi'] : []),
    '',
  ].join('\n');
}

// The base already lacks probes and a security context: existing findings, never inline.
const BASE: Tree = { 'k8s/web.yaml': deployment({ image: '1.4.2', limits: true }) };
// Two new findings on lines the pull request adds (host network on line 16, the `latest` tag on
// line 19) and two on lines it keeps (the requests and limits it deleted lines from).
const FAILING: Tree = { 'k8s/web.yaml': deployment({ podSpec: ['      hostNetwork: true'], image: 'latest', limits: false }) };
const FIXED: Tree = { 'k8s/web.yaml': deployment({ image: '1.5.0', limits: true }) };

function reviewRequests(requests: readonly RecordedRequest[]): string[] {
  return requests.filter((request) => REVIEW_ROUTES.test(request.route)).map((request) => request.route.replace('/repos/:o/:r/pulls/', ''));
}

async function runReview(github: FakeGitHub, headSha: string): Promise<{ result: Awaited<ReturnType<typeof run>>; requests: RecordedRequest[] }> {
  const before = github.requests.length;
  const result = await run(github, { inputs: { comment: 'review' }, event: prEvent({ action: 'synchronize', headSha }) });
  return { result, requests: github.requests.slice(before) };
}

beforeAll(() => {
  assertBundleBuilt();
});

afterAll(closeFakes);

describe('comment: review', () => {
  it('requests changes with inline comments on new findings, then replaces that review once the pull request is fixed', async () => {
    const github = await startFake(repoWith(FAILING, BASE));
    const first = await runReview(github, HEAD_SHA);

    expect(first.result.exitCode, log(first.result)).toBe(1);
    expect(github.comments).toEqual([]);
    expect(github.reviews).toHaveLength(1);
    const [failing] = github.reviews;
    expect(failing).toMatchObject({ state: 'CHANGES_REQUESTED', commit_id: HEAD_SHA });
    expect(failing?.body.startsWith(`${MARKER}\n`)).toBe(true);
    expect(failing?.body).toContain('_Inline comments mark 2 of the 4 new findings in files; 2 are on lines this pull request does not add: the findings above list them._');
    expect(github.reviewComments.map((comment) => [comment.path, comment.line, comment.side, /\[(k8s-[a-z-]+)\]/.exec(comment.body)?.[1]])).toEqual([
      ['k8s/web.yaml', 16, 'RIGHT', 'k8s-host-namespaces'],
      ['k8s/web.yaml', 19, 'RIGHT', 'k8s-image-tag'],
    ]);
    expect(log(first.result)).toMatch(/Pull request review posted requesting changes with 2 inline comments: https:\/\/github\.test\/acme\/platform\/pull\/42#pullrequestreview-\d+/);
    expect(reviewRequests(first.requests)).toEqual(['POST :n/reviews', 'GET :n/reviews']);

    github.repo.head = FIXED;
    github.repo.headSha = FIXED_SHA;
    const second = await runReview(github, FIXED_SHA);

    expect(second.result.exitCode, log(second.result)).toBe(0);
    expect(github.liveReviews()).toEqual([expect.objectContaining({ state: 'COMMENTED', commit_id: FIXED_SHA })]);
    const latest = github.liveReviews()[0];
    expect(latest?.body).toContain('## ✅ tollgate: pass');
    expect(failing).toMatchObject({
      state: 'DISMISSED',
      body: `<!-- tollgate:superseded -->\nSuperseded by [tollgate's latest review](${latest?.html_url ?? ''}).`,
      dismissal: "Superseded by tollgate's review of 2222222.",
    });
    expect(github.reviewComments).toEqual([]);
    expect(log(second.result)).toContain('Superseded 1 earlier review of tollgate (2 inline comments deleted); dismissed 1 earlier review that requested changes.');
    expect(reviewRequests(second.requests)).toEqual([
      'POST :n/reviews',
      'GET :n/reviews',
      'GET :n/reviews/:id/comments',
      'DELETE comments/:id',
      'DELETE comments/:id',
      'PUT :n/reviews/:id',
      'PUT :n/reviews/:id/dismissals',
    ]);
  });
});
