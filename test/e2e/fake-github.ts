import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { diffLines } from '../../src/changes/line-diff.js';

/**
 * A small stateful stand-in for the GitHub REST API: the routes tollgate calls, on 127.0.0.1,
 * recording every request and answering scripted faults, so end-to-end runs exercise the real
 * client (retries, throttling, pagination) without the network.
 */

export type Tree = Record<string, string>;

export interface FakeRepo {
  owner: string;
  repo: string;
  pullNumber: number;
  baseSha: string;
  headSha: string;
  base: Tree;
  head: Tree;
  commits?: { sha: string; message: string; author?: string; parents?: number }[];
  /** The pull request's issue events, oldest first: `labeled` / `unlabeled` with the label and who did it. */
  labelEvents?: { event: 'labeled' | 'unlabeled'; label: string; actor: string }[];
  /** Other repositories the token can read, `owner/repo` → ref → files; any other answers 404, as GitHub does for a private one. */
  otherRepos?: Record<string, Record<string, Tree>>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  rawBody: string;
  body: unknown;
  /** The route the fake matched, e.g. `POST /repos/:o/:r/issues/:n/comments`; `unmatched` otherwise. */
  route: string;
  status: number;
  /** `Date.now()` when it arrived: on the fake clock in a test that installs one, so waits between attempts show. */
  receivedAt: number;
  /** What the fake answered; undefined while it hangs. */
  responseBody?: unknown;
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
  html_url: string;
  created_at: string;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status?: string;
  conclusion?: string;
  output: { title?: string; summary?: string; annotations: unknown[] };
  updates: number;
}

export type FakeReviewState = 'PENDING' | 'COMMENTED' | 'CHANGES_REQUESTED' | 'APPROVED' | 'DISMISSED';

export interface FakeReview {
  id: number;
  body: string;
  state: FakeReviewState;
  commit_id: string;
  user: { login: string; type: string };
  html_url: string;
  /** The message it was dismissed with. */
  dismissal?: string;
}

/** An inline comment of a review, on one line of the head side of the diff. */
export interface FakeReviewComment {
  id: number;
  pull_request_review_id: number;
  path: string;
  line: number;
  side: 'RIGHT' | 'LEFT';
  body: string;
  commit_id: string;
  user: { login: string; type: string };
  html_url: string;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /**
   * Never answer: the connection stays open until the client gives up. `after-handling` applies
   * the request first, as when GitHub did the write but the response was lost on the way back.
   */
  hang?: 'before-handling' | 'after-handling';
}

export interface FakeGitHubOptions {
  /** Serve the API under this path, as GitHub Enterprise Server does under `/api/v3`. */
  pathPrefix?: string;
}

interface Fault {
  method: string;
  route: string;
  responses: ScriptedResponse[];
}

const BOT = { login: 'github-actions[bot]', type: 'Bot' };
const READ_ONLY_MESSAGE = 'Resource not accessible by integration';

export function secondaryRateLimit(retryAfterSeconds: number): ScriptedResponse {
  return {
    status: 403,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
    },
  };
}

export function serverError(status = 500): ScriptedResponse {
  return { status, body: { message: 'Server Error' } };
}

/** A request GitHub never answers; with `afterHandling`, one whose write happened before the answer was lost. */
export function hang(options: { afterHandling?: boolean } = {}): ScriptedResponse {
  return { status: 0, hang: options.afterHandling ? 'after-handling' : 'before-handling' };
}

/** GitHub's answer when the token lacks a permission the workflow did not grant. */
export function forbidden(): ScriptedResponse {
  return { status: 403, body: { message: READ_ONLY_MESSAGE, documentation_url: 'https://docs.github.com/rest' } };
}

/** pulls.listFiles stops at this many files, however many the pull request changes. */
export const LIST_FILES_LIMIT = 3000;

function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

interface Route {
  method: string;
  name: string;
  pattern: RegExp;
  handle: (request: RecordedRequest, params: string[]) => ScriptedResponse;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly comments: FakeComment[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  readonly reviews: FakeReview[] = [];
  readonly reviewComments: FakeReviewComment[] = [];
  /**
   * GitHub's reason for refusing REQUEST_CHANGES to this token, if it does: the token acts as the
   * pull request's author, say. Answered as a 422, as GitHub does.
   */
  requestChangesRefusal: string | undefined;
  /** Answer every write as GitHub does for a fork's read-only GITHUB_TOKEN. */
  readOnly = false;
  /**
   * Who the token acts as: the workflow token's bot (which may not call `GET /user`), or a person
   * when a workflow passes a personal access token.
   */
  tokenUser: { login: string; type: string } = BOT;
  /** Page size used when a request names none; GitHub's default is 30. */
  defaultPerPage = 30;
  /** Routes the token lacks the permission for (say `checks: write`): each answers 403, every time. */
  readonly denied = new Set<string>();
  private readonly faults: Fault[] = [];
  private readonly beforeHooks: { route: string; run: () => void }[] = [];
  private readonly barriers: { route: string; waiting: (() => void)[]; count: number }[] = [];
  private nextId = 1000;
  private server: Server | undefined;
  private origin = '';
  private readonly pathPrefix: string;
  private readonly routes: Route[];

  constructor(
    readonly repo: FakeRepo,
    options: FakeGitHubOptions = {},
  ) {
    this.pathPrefix = options.pathPrefix ?? '';
    const r = '/repos/([^/]+)/([^/]+)';
    this.routes = [
      { method: 'GET', name: 'GET /user', pattern: /^\/user$/, handle: () => this.authenticatedUser() },
      { method: 'GET', name: 'GET /repos/:o/:r/pulls/:n/files', pattern: new RegExp(`^${r}/pulls/(\\d+)/files$`), handle: (q, p) => this.listFiles(q, p) },
      { method: 'GET', name: 'GET /repos/:o/:r/pulls/:n/commits', pattern: new RegExp(`^${r}/pulls/(\\d+)/commits$`), handle: (q, p) => this.listCommits(q, p) },
      { method: 'GET', name: 'GET /repos/:o/:r/contents/:path', pattern: new RegExp(`^${r}/contents/(.+)$`), handle: (q, p) => this.getContent(q, p) },
      { method: 'GET', name: 'GET /repos/:o/:r/issues/:n/events', pattern: new RegExp(`^${r}/issues/(\\d+)/events$`), handle: (q, p) => this.listEvents(q, p) },
      { method: 'GET', name: 'GET /repos/:o/:r/issues/:n/comments', pattern: new RegExp(`^${r}/issues/(\\d+)/comments$`), handle: (q, p) => this.listComments(q, p) },
      { method: 'POST', name: 'POST /repos/:o/:r/issues/:n/comments', pattern: new RegExp(`^${r}/issues/(\\d+)/comments$`), handle: (q, p) => this.createComment(q, p) },
      { method: 'PATCH', name: 'PATCH /repos/:o/:r/issues/comments/:id', pattern: new RegExp(`^${r}/issues/comments/(\\d+)$`), handle: (q, p) => this.updateComment(q, p) },
      { method: 'DELETE', name: 'DELETE /repos/:o/:r/issues/comments/:id', pattern: new RegExp(`^${r}/issues/comments/(\\d+)$`), handle: (q, p) => this.deleteComment(q, p) },
      { method: 'GET', name: 'GET /repos/:o/:r/pulls/:n/reviews', pattern: new RegExp(`^${r}/pulls/(\\d+)/reviews$`), handle: (q, p) => this.listReviews(q, p) },
      { method: 'POST', name: 'POST /repos/:o/:r/pulls/:n/reviews', pattern: new RegExp(`^${r}/pulls/(\\d+)/reviews$`), handle: (q, p) => this.createReview(q, p) },
      { method: 'PUT', name: 'PUT /repos/:o/:r/pulls/:n/reviews/:id', pattern: new RegExp(`^${r}/pulls/(\\d+)/reviews/(\\d+)$`), handle: (q, p) => this.updateReview(q, p) },
      { method: 'GET', name: 'GET /repos/:o/:r/pulls/:n/reviews/:id/comments', pattern: new RegExp(`^${r}/pulls/(\\d+)/reviews/(\\d+)/comments$`), handle: (q, p) => this.listReviewComments(q, p) },
      { method: 'PUT', name: 'PUT /repos/:o/:r/pulls/:n/reviews/:id/dismissals', pattern: new RegExp(`^${r}/pulls/(\\d+)/reviews/(\\d+)/dismissals$`), handle: (q, p) => this.dismissReview(q, p) },
      { method: 'DELETE', name: 'DELETE /repos/:o/:r/pulls/comments/:id', pattern: new RegExp(`^${r}/pulls/comments/(\\d+)$`), handle: (q, p) => this.deleteReviewComment(q, p) },
      { method: 'POST', name: 'POST /repos/:o/:r/check-runs', pattern: new RegExp(`^${r}/check-runs$`), handle: (q) => this.createCheckRun(q) },
      { method: 'PATCH', name: 'PATCH /repos/:o/:r/check-runs/:id', pattern: new RegExp(`^${r}/check-runs/(\\d+)$`), handle: (q, p) => this.updateCheckRun(q, p) },
    ];
  }

  /** The API's base URL, as a runner's `GITHUB_API_URL` holds it. */
  get url(): string {
    return this.origin + this.pathPrefix;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.serve(req, res);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next requests on `route` (a route name as in `RecordedRequest.route`) get these answers, in order. */
  fault(route: string, responses: ScriptedResponse[]): void {
    const [method = '', ...rest] = route.split(' ');
    this.faults.push({ method, route: rest.join(' '), responses: [...responses] });
  }

  /** Runs `hook` once, just before the next request on `route` is handled: a concurrent run's write, say. */
  beforeNext(route: string, hook: () => void): void {
    this.beforeHooks.push({ route, run: hook });
  }

  /**
   * Holds the next `count` requests on `route` until all of them have arrived, then answers them
   * together: concurrent runs all see the state from before any of them wrote.
   */
  holdUntil(route: string, count: number): void {
    this.barriers.push({ route, waiting: [], count });
  }

  /** A comment as if an earlier run or a person had written it. */
  seedComment(body: string, user: { login: string; type: string } = BOT): FakeComment {
    const comment = this.newComment(body, user);
    this.comments.push(comment);
    return comment;
  }

  /** A review as if an earlier run or a person had submitted it, with inline comments on the given lines. */
  seedReview(body: string, state: FakeReviewState, lines: { path: string; line: number }[] = [], user: { login: string; type: string } = BOT): FakeReview {
    const review = this.newReview(body, state, this.repo.headSha, user);
    this.reviews.push(review);
    for (const { path, line } of lines) this.reviewComments.push(this.newReviewComment(review, { path, line, side: 'RIGHT', body: `seeded on ${path}:${line}` }));
    return review;
  }

  /** The reviews that are neither dismissed nor pending: what a reader sees as standing. */
  liveReviews(): FakeReview[] {
    return this.reviews.filter((review) => review.state !== 'DISMISSED' && review.state !== 'PENDING');
  }

  requestsTo(route: string): RecordedRequest[] {
    return this.requests.filter((request) => request.route === route);
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((request) => request.method !== 'GET');
  }

  private newComment(body: string, user: { login: string; type: string }): FakeComment {
    const id = this.nextId++;
    const { owner, repo, pullNumber } = this.repo;
    return {
      id,
      body,
      user,
      html_url: `https://github.test/${owner}/${repo}/pull/${pullNumber}#issuecomment-${id}`,
      created_at: new Date().toISOString(),
    };
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.origin);
    const method = req.method ?? 'GET';
    const apiPath = url.pathname.startsWith(this.pathPrefix) ? url.pathname.slice(this.pathPrefix.length) : undefined;
    const route = apiPath === undefined ? undefined : this.routes.find((candidate) => candidate.method === method && candidate.pattern.test(apiPath));
    const request: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      body: rawBody ? safeJson(rawBody) : undefined,
      route: route?.name ?? 'unmatched',
      status: 0,
      receivedAt: Date.now(),
    };
    this.requests.push(request);
    await this.waitAtBarrier(request.route);
    const response = this.respond(request, route, apiPath ?? url.pathname);
    request.status = response.status;
    if (response.hang !== undefined) return;
    request.responseBody = response.body;
    const isText = typeof response.body === 'string';
    res.writeHead(response.status, {
      'content-type': isText ? 'application/vnd.github.raw; charset=utf-8' : 'application/json; charset=utf-8',
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': '999',
      ...response.headers,
    });
    if (response.status === 204 || response.body === undefined) {
      res.end();
      return;
    }
    res.end(isText ? (response.body as string) : JSON.stringify(response.body));
  }

  private async waitAtBarrier(route: string): Promise<void> {
    const barrier = this.barriers.find((candidate) => candidate.route === route && candidate.waiting.length < candidate.count);
    if (!barrier) return;
    await new Promise<void>((release) => {
      barrier.waiting.push(release);
      if (barrier.waiting.length === barrier.count) for (const waiter of barrier.waiting) waiter();
    });
  }

  private respond(request: RecordedRequest, route: Route | undefined, pathname: string): ScriptedResponse {
    if (!route) return { status: 404, body: { message: 'Not Found' } };
    const hookIndex = this.beforeHooks.findIndex((hook) => hook.route === route.name);
    if (hookIndex >= 0) this.beforeHooks.splice(hookIndex, 1)[0]?.run();
    const fault = this.faults.find((candidate) => `${candidate.method} ${candidate.route}` === route.name && candidate.responses.length > 0);
    const scripted = fault?.responses.shift();
    if (scripted?.hang === 'after-handling') this.handle(route, request, pathname);
    if (scripted) return scripted;
    if (this.denied.has(route.name) || (this.readOnly && request.method !== 'GET')) return forbidden();
    return this.handle(route, request, pathname);
  }

  private handle(route: Route, request: RecordedRequest, pathname: string): ScriptedResponse {
    const params = route.pattern.exec(pathname)?.slice(1) ?? [];
    if (!pathname.startsWith('/repos/')) return route.handle(request, params);
    const [owner, repo, encodedPath] = params;
    if (owner !== this.repo.owner || repo !== this.repo.repo) return this.otherRepoContent(route, request, `${owner ?? ''}/${repo ?? ''}`, encodedPath);
    return route.handle(request, params.slice(2));
  }

  /** A file of another repository the token can read (raw media type only, as tollgate asks for it). */
  private otherRepoContent(route: Route, request: RecordedRequest, fullName: string, encodedPath: string | undefined): ScriptedResponse {
    const tree = this.repo.otherRepos?.[fullName]?.[request.query.get('ref') ?? 'main'];
    const content = route.name === 'GET /repos/:o/:r/contents/:path' ? tree?.[decodeURIComponent(encodedPath ?? '')] : undefined;
    return content === undefined ? { status: 404, body: { message: 'Not Found' } } : { status: 200, body: content };
  }

  private checkPull(number: string | undefined): ScriptedResponse | undefined {
    return Number(number) === this.repo.pullNumber ? undefined : { status: 404, body: { message: 'Not Found' } };
  }

  private paginate<T>(request: RecordedRequest, items: T[]): ScriptedResponse {
    const perPage = Math.min(Number(request.query.get('per_page')) || this.defaultPerPage, 100);
    const page = Math.max(Number(request.query.get('page')) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const links: string[] = [];
    const pageUrl = (n: number): string => {
      const query = new URLSearchParams(request.query);
      query.set('page', String(n));
      query.set('per_page', String(perPage));
      return `<${this.origin}${request.path}?${query.toString()}>`;
    };
    if (page < last) links.push(`${pageUrl(page + 1)}; rel="next"`, `${pageUrl(last)}; rel="last"`);
    if (page > 1) links.push(`${pageUrl(1)}; rel="first"`, `${pageUrl(page - 1)}; rel="prev"`);
    return {
      status: 200,
      headers: links.length > 0 ? { link: links.join(', ') } : {},
      body: items.slice((page - 1) * perPage, page * perPage),
    };
  }

  private changedFiles(): unknown[] {
    const { base, head, owner, repo, headSha } = this.repo;
    const paths = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort();
    return paths.flatMap((path) => {
      const before = base[path];
      const after = head[path];
      if (before === after) return [];
      const status = before === undefined ? 'added' : after === undefined ? 'removed' : 'modified';
      const diff = diffLines(before ?? '', after ?? '');
      return [
        {
          sha: gitBlobSha(after ?? before ?? ''),
          filename: path,
          status,
          additions: diff.additions,
          deletions: diff.deletions,
          changes: diff.additions + diff.deletions,
          blob_url: `https://github.test/${owner}/${repo}/blob/${headSha}/${path}`,
          raw_url: `https://github.test/${owner}/${repo}/raw/${headSha}/${path}`,
          contents_url: `${this.url}/repos/${owner}/${repo}/contents/${path}?ref=${headSha}`,
          patch: diff.patch,
        },
      ];
    });
  }

  private listFiles(request: RecordedRequest, [number]: string[]): ScriptedResponse {
    return this.checkPull(number) ?? this.paginate(request, this.changedFiles().slice(0, LIST_FILES_LIMIT));
  }

  private listCommits(request: RecordedRequest, [number]: string[]): ScriptedResponse {
    const commits = (this.repo.commits ?? [{ sha: this.repo.headSha, message: 'Change infrastructure' }]).map((commit) => ({
      sha: commit.sha,
      commit: { message: commit.message, author: { name: commit.author ?? 'Octo Cat', email: 'octo@example.test' } },
      author: { login: commit.author ?? 'octocat', type: 'User' },
      parents: Array.from({ length: commit.parents ?? 1 }, (_, index) => ({ sha: `${commit.sha.slice(0, 38)}p${index}` })),
    }));
    return this.checkPull(number) ?? this.paginate(request, commits);
  }

  /** Issue events as GitHub shapes them: the actor, the event name, the label (name and colour). */
  private listEvents(request: RecordedRequest, [number]: string[]): ScriptedResponse {
    const events = (this.repo.labelEvents ?? []).map((item, index) => ({
      id: 9000 + index,
      node_id: `LE_${index}`,
      url: `${this.url}/repos/${this.repo.owner}/${this.repo.repo}/issues/events/${9000 + index}`,
      actor: { login: item.actor, id: 100 + index, type: 'User' },
      event: item.event,
      commit_id: null,
      commit_url: null,
      created_at: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString(),
      label: { name: item.label, color: 'd73a4a' },
      performed_via_github_app: null,
    }));
    return this.checkPull(number) ?? this.paginate(request, events);
  }

  private getContent(request: RecordedRequest, [encodedPath]: string[]): ScriptedResponse {
    const path = decodeURIComponent(encodedPath ?? '');
    const ref = request.query.get('ref');
    const tree = ref === this.repo.baseSha ? this.repo.base : ref === this.repo.headSha || ref === null ? this.repo.head : undefined;
    const content = tree?.[path];
    if (content === undefined) return this.listDirectory(tree, path);
    const accept = String(request.headers['accept'] ?? '');
    if (accept.includes('raw')) return { status: 200, body: content };
    return {
      status: 200,
      body: {
        type: 'file',
        encoding: 'base64',
        name: path.split('/').at(-1),
        path,
        size: Buffer.byteLength(content),
        sha: gitBlobSha(content),
        content: Buffer.from(content, 'utf8').toString('base64'),
      },
    };
  }

  /** A directory's listing, as the contents API gives it: its entries, files and subdirectories, one level deep. */
  private listDirectory(tree: Tree | undefined, directory: string): ScriptedResponse {
    const prefix = `${directory.replace(/\/+$/, '')}/`;
    const entries = new Map<string, { type: 'file' | 'dir'; name: string; path: string; sha?: string; size?: number }>();
    for (const [path, content] of Object.entries(tree ?? {})) {
      if (!path.startsWith(prefix)) continue;
      const [name = '', ...deeper] = path.slice(prefix.length).split('/');
      entries.set(name, deeper.length === 0 ? { type: 'file', name, path, sha: gitBlobSha(content), size: Buffer.byteLength(content) } : { type: 'dir', name, path: `${prefix}${name}` });
    }
    if (entries.size === 0) return { status: 404, body: { message: 'Not Found' } };
    return { status: 200, body: [...entries.values()] };
  }

  private listComments(request: RecordedRequest, [number]: string[]): ScriptedResponse {
    return this.checkPull(number) ?? this.paginate(request, this.comments);
  }

  private createComment(request: RecordedRequest, [number]: string[]): ScriptedResponse {
    const missing = this.checkPull(number);
    if (missing) return missing;
    const body = (request.body as { body?: unknown } | undefined)?.body;
    if (typeof body !== 'string') return { status: 422, body: { message: 'Invalid request: body is required' } };
    if (body.length > 65_536) return { status: 422, body: { message: 'Body is too long (maximum is 65536 characters)' } };
    const comment = this.newComment(body, this.tokenUser);
    this.comments.push(comment);
    return { status: 201, body: comment };
  }

  private authenticatedUser(): ScriptedResponse {
    if (this.tokenUser.type === 'Bot') return { status: 403, body: { message: 'Resource not accessible by integration' } };
    return { status: 200, body: { ...this.tokenUser, id: 4242 } };
  }

  private findComment(id: string | undefined): FakeComment | undefined {
    return this.comments.find((comment) => comment.id === Number(id));
  }

  private updateComment(request: RecordedRequest, [id]: string[]): ScriptedResponse {
    const comment = this.findComment(id);
    if (!comment) return { status: 404, body: { message: 'Not Found' } };
    const body = (request.body as { body?: unknown } | undefined)?.body;
    if (typeof body !== 'string') return { status: 422, body: { message: 'Invalid request: body is required' } };
    // A token edits its own comments only (the workflow token has no admin rights).
    if (comment.user.login !== this.tokenUser.login) return { status: 403, body: { message: 'Must have admin rights to Repository.' } };
    comment.body = body;
    return { status: 200, body: comment };
  }

  private deleteComment(_request: RecordedRequest, [id]: string[]): ScriptedResponse {
    const index = this.comments.findIndex((comment) => comment.id === Number(id));
    if (index < 0) return { status: 404, body: { message: 'Not Found' } };
    if (this.comments[index]?.user.login !== this.tokenUser.login) return { status: 403, body: { message: 'Must have admin rights to Repository.' } };
    this.comments.splice(index, 1);
    return { status: 204 };
  }

  private newReview(body: string, state: FakeReviewState, commitId: string, user: { login: string; type: string }): FakeReview {
    const id = this.nextId++;
    const { owner, repo, pullNumber } = this.repo;
    return { id, body, state, commit_id: commitId, user, html_url: `https://github.test/${owner}/${repo}/pull/${pullNumber}#pullrequestreview-${id}` };
  }

  private newReviewComment(review: FakeReview, input: { path: string; line: number; side: 'RIGHT' | 'LEFT'; body: string }): FakeReviewComment {
    const id = this.nextId++;
    const { owner, repo, pullNumber } = this.repo;
    return { id, pull_request_review_id: review.id, ...input, commit_id: review.commit_id, user: review.user, html_url: `https://github.test/${owner}/${repo}/pull/${pullNumber}#discussion_r${id}` };
  }

  /** The head-side lines of each changed file's hunks: where GitHub takes a review comment. */
  private diffLines(): Map<string, Set<number>> {
    const lines = new Map<string, Set<number>>();
    for (const file of this.changedFiles() as { filename: string; patch: string }[]) {
      const inFile = new Set<number>();
      for (const match of file.patch.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
        const start = Number(match[1]);
        const count = match[2] === undefined ? 1 : Number(match[2]);
        for (let line = start; line < start + count; line += 1) inFile.add(line);
      }
      lines.set(file.filename, inFile);
    }
    return lines;
  }

  private listReviews(request: RecordedRequest, [number]: string[]): ScriptedResponse {
    return this.checkPull(number) ?? this.paginate(request, this.reviews.filter((review) => review.state !== 'PENDING' || review.user.login === this.tokenUser.login));
  }

  /** All or nothing, as GitHub: one comment off the diff refuses the whole review. */
  private createReview(request: RecordedRequest, [number]: string[]): ScriptedResponse {
    const missing = this.checkPull(number);
    if (missing) return missing;
    const input = (request.body ?? {}) as { body?: unknown; event?: unknown; commit_id?: unknown; comments?: unknown };
    const refuse = (error: string): ScriptedResponse => ({ status: 422, body: { message: 'Unprocessable Entity', errors: [error], documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request' } });
    const events: Record<string, FakeReviewState> = { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', COMMENT: 'COMMENTED' };
    const state = input.event === undefined ? 'PENDING' : events[String(input.event)];
    if (state === undefined) return refuse(`Invalid event: ${String(input.event)}`);
    const body = typeof input.body === 'string' ? input.body : '';
    if ((state === 'CHANGES_REQUESTED' || state === 'COMMENTED') && body === '') return refuse('Review body is required');
    if (body.length > 65_536) return refuse('Body is too long (maximum is 65536 characters)');
    if (state === 'APPROVED' && this.tokenUser.type === 'Bot') return refuse('GitHub Actions is not permitted to approve pull requests.');
    if (state === 'CHANGES_REQUESTED' && this.requestChangesRefusal !== undefined) return refuse(this.requestChangesRefusal);
    const commitId = input.commit_id === undefined ? this.repo.headSha : String(input.commit_id);
    if (commitId !== this.repo.headSha) return refuse('Commit id is not part of the pull request');
    const comments = Array.isArray(input.comments) ? (input.comments as { path?: unknown; line?: unknown; side?: unknown; body?: unknown }[]) : [];
    const diff = this.diffLines();
    for (const comment of comments) {
      const lines = diff.get(String(comment.path));
      if (lines === undefined) return refuse('Path could not be resolved');
      if (comment.side !== undefined && comment.side !== 'RIGHT') return refuse('Only head-side comments are modelled by the fake');
      if (typeof comment.line !== 'number' || !lines.has(comment.line)) return refuse('Pull request review thread line must be part of the diff');
      if (typeof comment.body !== 'string' || comment.body === '') return refuse('Body can\'t be blank');
    }
    const review = this.newReview(body, state, commitId, this.tokenUser);
    this.reviews.push(review);
    for (const comment of comments) {
      this.reviewComments.push(this.newReviewComment(review, { path: String(comment.path), line: Number(comment.line), side: 'RIGHT', body: String(comment.body) }));
    }
    return { status: 200, body: review };
  }

  private findReview(number: string | undefined, id: string | undefined): FakeReview | undefined {
    return Number(number) === this.repo.pullNumber ? this.reviews.find((review) => review.id === Number(id)) : undefined;
  }

  private updateReview(request: RecordedRequest, [number, id]: string[]): ScriptedResponse {
    const review = this.findReview(number, id);
    if (!review) return { status: 404, body: { message: 'Not Found' } };
    const body = (request.body as { body?: unknown } | undefined)?.body;
    if (typeof body !== 'string' || body === '') return { status: 422, body: { message: 'Invalid request: body is required' } };
    if (review.user.login !== this.tokenUser.login) return { status: 403, body: { message: 'Must have admin rights to Repository.' } };
    review.body = body;
    return { status: 200, body: review };
  }

  private listReviewComments(request: RecordedRequest, [number, id]: string[]): ScriptedResponse {
    const review = this.findReview(number, id);
    if (!review) return { status: 404, body: { message: 'Not Found' } };
    return this.paginate(request, this.reviewComments.filter((comment) => comment.pull_request_review_id === review.id));
  }

  private dismissReview(request: RecordedRequest, [number, id]: string[]): ScriptedResponse {
    const review = this.findReview(number, id);
    if (!review) return { status: 404, body: { message: 'Not Found' } };
    const message = (request.body as { message?: unknown } | undefined)?.message;
    if (typeof message !== 'string' || message === '') return { status: 422, body: { message: 'Invalid request: message is required' } };
    if (review.state !== 'CHANGES_REQUESTED' && review.state !== 'APPROVED') {
      const shown = review.state === 'DISMISSED' ? 'dismissed' : review.state === 'PENDING' ? 'pending' : 'commented';
      return { status: 422, body: { message: 'Unprocessable Entity', errors: [`Can not dismiss a ${shown} pull request review`] } };
    }
    review.state = 'DISMISSED';
    review.dismissal = message;
    return { status: 200, body: review };
  }

  private deleteReviewComment(_request: RecordedRequest, [id]: string[]): ScriptedResponse {
    const index = this.reviewComments.findIndex((comment) => comment.id === Number(id));
    if (index < 0) return { status: 404, body: { message: 'Not Found' } };
    if (this.reviewComments[index]?.user.login !== this.tokenUser.login) return { status: 403, body: { message: 'Must have admin rights to Repository.' } };
    this.reviewComments.splice(index, 1);
    return { status: 204 };
  }

  private createCheckRun(request: RecordedRequest): ScriptedResponse {
    const input = (request.body ?? {}) as Partial<FakeCheckRun> & { output?: FakeCheckRun['output'] };
    if (typeof input.name !== 'string' || typeof input.head_sha !== 'string') {
      return { status: 422, body: { message: 'Invalid request: name and head_sha are required' } };
    }
    const annotations = input.output?.annotations ?? [];
    if (annotations.length > 50) return { status: 422, body: { message: 'Only 50 annotations are allowed per request' } };
    const run: FakeCheckRun = {
      id: this.nextId++,
      name: input.name,
      head_sha: input.head_sha,
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.conclusion !== undefined ? { conclusion: input.conclusion } : {}),
      output: { ...input.output, annotations: [...annotations] },
      updates: 0,
    };
    this.checkRuns.push(run);
    return { status: 201, body: { ...run, html_url: `https://github.test/${this.repo.owner}/${this.repo.repo}/runs/${run.id}` } };
  }

  private updateCheckRun(request: RecordedRequest, [id]: string[]): ScriptedResponse {
    const run = this.checkRuns.find((candidate) => candidate.id === Number(id));
    if (!run) return { status: 404, body: { message: 'Not Found' } };
    const input = (request.body ?? {}) as { output?: FakeCheckRun['output']; conclusion?: string };
    const annotations = input.output?.annotations ?? [];
    if (annotations.length > 50) return { status: 422, body: { message: 'Only 50 annotations are allowed per request' } };
    // GitHub appends annotations sent with an update to those already on the run.
    run.output = { ...run.output, ...input.output, annotations: [...run.output.annotations, ...annotations] };
    if (input.conclusion !== undefined) run.conclusion = input.conclusion;
    run.updates += 1;
    return { status: 200, body: run };
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

export async function startFakeGitHub(repo: FakeRepo, options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  return new FakeGitHub(repo, options).start();
}
