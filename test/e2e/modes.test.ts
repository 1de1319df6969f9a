import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tree } from './fake-github.js';
import { createCheckout, type Checkout } from './git-checkout.js';
import { fixtureTrees } from './payloads.js';
import { assertBundleBuilt } from './run-action.js';
import { closeFakes, HEAD_SHA, log, MARKER, prEvent, repoWith, ROUTE, run, startFake } from './scenario.js';

/** How tollgate runs with less than a full token: a missing permission, Enterprise Server, no token at all. */

const checkouts: Checkout[] = [];

/** A git checkout removed once the file's tests are done: they run side by side. */
function checkoutOf(base: Tree, head: Tree, headMessage?: string, history?: readonly string[]): Checkout {
  const checkout = createCheckout(base, head, headMessage, history);
  checkouts.push(checkout);
  return checkout;
}

beforeAll(() => {
  assertBundleBuilt();
});

afterAll(async () => {
  await closeFakes();
  for (const checkout of checkouts.splice(0)) checkout.remove();
});

/**
 * A forward proxy on loopback, as a self-hosted runner's network has one: it tunnels CONNECT and
 * forwards absolute-form requests to the fake GitHub whatever host was asked for, and records what
 * it was asked, with the Proxy-Authorization it got.
 */
async function startProxy(): Promise<{ url: string; asked: string[]; authorizations: (string | undefined)[]; close: () => Promise<void> }> {
  const asked: string[] = [];
  const authorizations: (string | undefined)[] = [];
  const server: Server = createServer((req, res) => {
    asked.push(`${req.method} ${req.url}`);
    authorizations.push(req.headers['proxy-authorization']);
    const target = new URL(req.url ?? '/');
    const upstream = httpRequest({ host: '127.0.0.1', port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  server.on('connect', (req, socket, head) => {
    asked.push(`CONNECT ${req.url}`);
    authorizations.push(req.headers['proxy-authorization']);
    const port = Number((req.url ?? '').split(':').pop());
    const upstream = connect(port, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, asked, authorizations, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe.concurrent('action modes', () => {
  it('reaches GitHub through the proxy http_proxy names, with its credentials, and not around it', async () => {
    const github = await startFake();
    const proxy = await startProxy();
    try {
      const port = new URL(github.url).port;
      const result = await run(github, { env: { GITHUB_API_URL: `http://github.corp.test:${port}`, http_proxy: proxy.url.replace('://', '://runner:s%40cret@') } });

      expect(result.exitCode, log(result)).toBe(1);
      expect(github.comments).toHaveLength(1);
      expect(github.checkRuns).toHaveLength(1);
      expect(proxy.asked.length).toBeGreaterThan(0);
      expect(proxy.asked.every((line) => line.includes(`github.corp.test:${port}`))).toBe(true);
      expect(new Set(proxy.authorizations)).toEqual(new Set([`Basic ${Buffer.from('runner:s@cret').toString('base64')}`]));
    } finally {
      await proxy.close();
    }
  });

  it('falls back to workflow annotations without `checks: write`, and still comments', async () => {
    const github = await startFake();
    github.denied.add(ROUTE.createCheck);
    const result = await run(github);

    expect(result.exitCode, log(result)).toBe(1);
    expect(result.outputs['verdict']).toBe('fail');
    expect(github.checkRuns).toEqual([]);
    expect(log(result)).toMatch(/::warning::No check run: .*`permissions: checks: write`/);
    expect(result.stdout).toMatch(/^::error file=infra\/terraform\.tfstate,line=1,endLine=1,title=no-committed-artifacts::/m);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toContain('terraform.tfstate');
  });

  it('sends every request under the API path of GitHub Enterprise Server and links to its web host', async () => {
    const github = await startFake(repoWith(), { pathPrefix: '/api/v3' });
    // Two pages of comments, so the pagination links have to keep the prefix too.
    for (let index = 0; index < 120; index += 1) github.seedComment(`comment ${index}`, { login: 'octocat', type: 'User' });
    const result = await run(github, { env: { GITHUB_SERVER_URL: 'https://ghes.example.com' } });

    expect(result.exitCode, log(result)).toBe(1);
    expect(github.url).toMatch(/\/api\/v3$/);
    expect(github.requests.filter((request) => !request.path.startsWith('/api/v3/') || request.route === 'unmatched')).toEqual([]);
    // Listed before creating the comment, and again after to settle a race.
    expect(github.requestsTo(ROUTE.listComments).map((request) => request.query.get('page') ?? '1')).toEqual(['1', '2', '1', '2']);
    const ours = github.comments.filter((comment) => comment.body.startsWith(MARKER));
    expect(ours).toHaveLength(1);
    expect(ours[0]?.body).toContain(`https://ghes.example.com/acme/platform/blob/${HEAD_SHA}/infra/terraform.tfstate`);
    expect(github.checkRuns).toHaveLength(1);
  });

  it('runs without a token from a full checkout: no API call, the verdict in summary, outputs, annotations and exit code', async () => {
    const { base, head } = fixtureTrees();
    const checkout = checkoutOf(base, head, 'WIP: change the infrastructure');
    const github = await startFake();
    const result = await run(github, {
      token: '',
      checkout: checkout.directory,
      event: prEvent({ baseSha: checkout.baseSha, headSha: checkout.headSha }),
    });

    expect(result.exitCode, log(result)).toBe(1);
    expect(github.requests).toEqual([]);
    expect(result.outputs['verdict']).toBe('fail');
    expect(result.summary).toContain('tollgate: fail');
    expect(result.stdout).toMatch(/^::error file=infra\/terraform\.tfstate,.*title=no-committed-artifacts::/m);
    expect(log(result)).toContain('No pull request comment: the `github-token` input is empty, so tollgate calls no GitHub API.');
    // The commits come from git, as in the CLI: the WIP commit is found without the API.
    const report = JSON.parse(result.files['report'] ?? '{}') as { findings: { ruleId: string }[] };
    expect(report.findings.map((finding) => finding.ruleId)).toContain('no-wip-commits');
  });

  it('reads the base history from a full checkout: titles are not judged where people write free-form ones', async () => {
    const { base, head } = fixtureTrees();
    const checks = async (history: readonly string[]) => {
      const checkout = checkoutOf(base, head, 'feat: change the infrastructure', history);
      const result = await run(await startFake(), { token: '', checkout: checkout.directory, event: prEvent({ baseSha: checkout.baseSha, headSha: checkout.headSha }) });
      const report = JSON.parse(result.files['report'] ?? '{}') as { checks: { ruleId: string; status: string; skippedReason?: string }[]; findings: { ruleId: string }[] };
      return { title: report.checks.find((check) => check.ruleId === 'pr-title-format'), findings: report.findings.map((finding) => finding.ruleId) };
    };
    // The webhook example's title, "Update the README with new information.", is free-form.
    const freeForm = await checks(Array.from({ length: 12 }, (_, index) => `Update the docs, part ${index + 1}`));
    expect(freeForm.title).toMatchObject({ status: 'skipped', skippedReason: expect.stringContaining('(1 of its last 13 do)') });
    expect(freeForm.findings).not.toContain('pr-title-format');
    const kept = await checks(Array.from({ length: 12 }, (_, index) => `docs: update part ${index + 1}`));
    expect(kept.title?.status).not.toBe('skipped');
    expect(kept.findings).toContain('pr-title-format');
  });

  it('fails with one line naming the fix when there is neither a token nor a full checkout', async () => {
    const github = await startFake();
    const result = await run(github, { token: '' });

    expect(result.exitCode).toBe(1);
    expect(github.requests).toEqual([]);
    expect(log(result)).toMatch(/^::error::tollgate could not run: No git checkout at .*, and the `github-token` input is empty: check out the repository with `fetch-depth: 0`, or pass `github-token`/m);
    expect(log(result)).not.toMatch(/\n\s+at /);
  });

  it('gates a fork pull request on pull_request_target from the API, even with the head checked out', async () => {
    const { base, head } = fixtureTrees();
    const checkout = checkoutOf(base, head);
    const github = await startFake({ ...repoWith(), baseSha: checkout.baseSha, headSha: checkout.headSha });
    const event = prEvent({ forkOwner: 'outsider', baseSha: checkout.baseSha, headSha: checkout.headSha });
    const result = await run(github, { eventName: 'pull_request_target', event, checkout: checkout.directory });

    expect(result.exitCode, log(result)).toBe(1);
    expect(log(result)).toContain("On pull_request_target tollgate does not read the change from the checkout; reading the pull request's files from the GitHub API.");
    expect(github.requestsTo(ROUTE.listFiles)).toHaveLength(1);
    expect(github.comments).toHaveLength(1);
    expect(github.checkRuns[0]).toMatchObject({ head_sha: checkout.headSha, conclusion: 'failure' });
  });
});
