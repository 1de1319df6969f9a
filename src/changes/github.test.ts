import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FAKE_CLOCK, settle } from '../../test/support/fake-clock.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '../github/client.js';
import { API_CONTEXT_NOTICE } from './terraform-context.js';
import { collectGitHubChanges, TRUNCATED_NOTICE } from './github.js';
import { ChangesError } from './errors.js';
import type { ChangedFile, ChangeSet } from './model.js';

const BASE = '1111111111111111111111111111111111111111';
const HEAD = '2222222222222222222222222222222222222222';

interface ListedFile {
  filename: string;
  status: string;
  additions: number;
  deletions: number;
  changes: number;
  previous_filename?: string;
  patch?: string;
}

/** A tiny stand-in for the two GitHub endpoints this module calls, with GitHub's paging and caps. */
class FakeGitHub {
  files: ListedFile[] = [];
  contents = new Map<string, Buffer>();
  failing = new Set<string>();
  chunked = new Set<string>();
  requests: string[] = [];
  inFlight = 0;
  peakInFlight = 0;
  private server: Server = createServer((request, response) => void this.handle(request, response));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  reset(): void {
    this.files = [];
    this.contents.clear();
    this.failing.clear();
    this.chunked.clear();
    this.requests = [];
    this.peakInFlight = 0;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
    this.requests.push(`${request.method} ${url.pathname}${url.search}`);
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (url.pathname === '/repos/acme/infra/pulls/7/files') this.listFiles(url, response);
      else if (url.pathname.startsWith('/repos/acme/infra/contents/')) this.content(url, request, response);
      else this.json(response, 404, { message: 'Not Found' });
    } finally {
      this.inFlight--;
    }
  }

  private listFiles(url: URL, response: ServerResponse): void {
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const listable = this.files.slice(0, 3000);
    const last = Math.max(1, Math.ceil(listable.length / perPage));
    if (page < last) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      const lastUrl = new URL(url);
      lastUrl.searchParams.set('page', String(last));
      response.setHeader('link', `<${next.href}>; rel="next", <${lastUrl.href}>; rel="last"`);
    }
    this.json(response, 200, listable.slice((page - 1) * perPage, page * perPage));
  }

  private content(url: URL, request: IncomingMessage, response: ServerResponse): void {
    const path = decodeURIComponent(url.pathname.slice('/repos/acme/infra/contents/'.length));
    const key = `${url.searchParams.get('ref')}:${path}`;
    if (!/^application\/vnd\.github(\.v3)?\.raw$/.test(request.headers.accept ?? '')) {
      this.json(response, 415, { message: `expected the raw media type, got ${request.headers.accept}` });
      return;
    }
    if (this.failing.has(key)) {
      this.json(response, 500, { message: 'Server Error' });
      return;
    }
    const body = this.contents.get(key);
    if (body === undefined) {
      this.json(response, 404, { message: 'Not Found' });
      return;
    }
    const chunked = this.chunked.has(key);
    response.writeHead(200, {
      'content-type': 'application/vnd.github.raw',
      ...(chunked ? {} : { 'content-length': String(body.length) }),
    });
    if (chunked) {
      for (let offset = 0; offset < body.length; offset += 512) response.write(body.subarray(offset, offset + 512));
      response.end();
    } else {
      response.end(body);
    }
  }

  private json(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  }
}

const github = new FakeGitHub();
let baseUrl: string;

beforeAll(async () => {
  baseUrl = await github.start();
});
afterAll(() => github.stop());
beforeEach(() => github.reset());

function collect(extra: { maxFileBytes?: number; wantContent?: (path: string) => boolean } = {}): Promise<ChangeSet> {
  const client = createClient('fake-token', { baseUrl });
  return collectGitHubChanges({ client, owner: 'acme', repo: 'infra', pullNumber: 7, baseSha: BASE, headSha: HEAD, ...extra });
}

function listed(filename: string, status: string, extra: Partial<ListedFile> = {}): ListedFile {
  return { filename, status, additions: 1, deletions: 1, changes: 2, ...extra };
}

function byPath(changes: ChangeSet, path: string): ChangedFile {
  const file = changes.files.find((candidate) => candidate.path === path);
  if (file === undefined) throw new Error(`no changed file ${path}`);
  return file;
}

describe('collectGitHubChanges', () => {
  it('maps the listed files and reads both sides through the raw contents API', async () => {
    github.files = [
      listed('main.tf', 'modified', { patch: '@@ -1 +1 @@\n-a = 1\n+a = 2' }),
      listed('new/name.yaml', 'renamed', { previous_filename: 'old/name.yaml', additions: 0, deletions: 0 }),
      listed('gone.yaml', 'removed', { additions: 0 }),
      listed('copied.tf', 'copied', { previous_filename: 'main.tf' }),
      listed('untouched.tf', 'unchanged'),
      listed('touched.tf', 'changed'),
      listed('bom.yaml', 'added'),
      listed('dir/ü $(x).tf', 'added'),
    ];
    const set = (ref: string, path: string, text: string | Buffer): void => {
      github.contents.set(`${ref}:${path}`, Buffer.from(text));
    };
    set(BASE, 'main.tf', 'a = 1\n');
    set(HEAD, 'main.tf', 'a = 2\n');
    set(BASE, 'old/name.yaml', 'k: v\n');
    set(HEAD, 'new/name.yaml', 'k: v\n');
    set(BASE, 'gone.yaml', 'bye: 1\n');
    set(HEAD, 'copied.tf', 'a = 1\n');
    set(BASE, 'touched.tf', 'x\n');
    set(HEAD, 'touched.tf', 'x\n');
    set(HEAD, 'bom.yaml', '\uFEFFkind: A\n');
    set(HEAD, 'dir/ü $(x).tf', 'u = 1\n');

    const changes = await collect();
    expect(changes).toMatchObject({ source: 'github', baseRef: BASE, headRef: HEAD, baseSha: BASE, headSha: HEAD, notices: [{ message: API_CONTEXT_NOTICE }] });
    expect(changes.truncated).toBeUndefined();
    expect(changes.files.map((file) => [file.path, file.status])).toEqual([
      ['bom.yaml', 'added'],
      ['copied.tf', 'added'],
      ['dir/ü $(x).tf', 'added'],
      ['gone.yaml', 'removed'],
      ['main.tf', 'modified'],
      ['new/name.yaml', 'renamed'],
      ['touched.tf', 'modified'],
    ]);
    expect(byPath(changes, 'main.tf')).toEqual({
      path: 'main.tf',
      status: 'modified',
      before: 'a = 1\n',
      after: 'a = 2\n',
      patch: '@@ -1 +1 @@\n-a = 1\n+a = 2',
      size: 6,
      additions: 1,
      deletions: 1,
    });
    expect(byPath(changes, 'new/name.yaml')).toMatchObject({ previousPath: 'old/name.yaml', before: 'k: v\n', after: 'k: v\n' });
    expect(byPath(changes, 'gone.yaml')).toMatchObject({ before: 'bye: 1\n', size: 7 });
    expect(byPath(changes, 'copied.tf').previousPath).toBeUndefined();
    expect(byPath(changes, 'bom.yaml').after).toBe('kind: A\n');
    expect(byPath(changes, 'dir/ü $(x).tf').after).toBe('u = 1\n');
    expect(github.requests).toContain(`GET /repos/acme/infra/contents/old%2Fname.yaml?ref=${BASE}`);
  });

  it('notes a side that is missing (404) or fails, and keeps going with the rest', async () => {
    github.files = [listed('missing-head.tf', 'modified'), listed('flaky.tf', 'modified'), listed('fine.tf', 'added')];
    github.contents.set(`${BASE}:missing-head.tf`, Buffer.from('a = 1\n'));
    github.contents.set(`${BASE}:flaky.tf`, Buffer.from('b = 1\n'));
    github.failing.add(`${HEAD}:flaky.tf`);
    github.contents.set(`${HEAD}:fine.tf`, Buffer.from('c = 1\n'));

    // A 500 is retried with the client's real backoff; the fake clock lets it pass at once.
    vi.useFakeTimers(FAKE_CLOCK);
    const changes = await settle(collect()).finally(() => vi.useRealTimers());
    expect(byPath(changes, 'missing-head.tf')).toMatchObject({ before: 'a = 1\n', note: 'the head version (2222222) was not found (404)' });
    expect(byPath(changes, 'missing-head.tf').after).toBeUndefined();
    expect(byPath(changes, 'flaky.tf')).toMatchObject({ before: 'b = 1\n', note: 'the head version (2222222) could not be read (HTTP 500: Server Error)' });
    expect(byPath(changes, 'fine.tf').after).toBe('c = 1\n');
    expect(JSON.stringify(changes)).not.toContain('fake-token');
  });

  it('detects binary files from the bytes and drops text above maxFileBytes', async () => {
    github.files = [listed('logo.png', 'added'), listed('big.json', 'added'), listed('big-chunked.json', 'added')];
    github.contents.set(`${HEAD}:logo.png`, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe]));
    github.contents.set(`${HEAD}:big.json`, Buffer.from('x'.repeat(5000)));
    github.contents.set(`${HEAD}:big-chunked.json`, Buffer.from('y'.repeat(5000)));
    github.chunked.add(`${HEAD}:big-chunked.json`);

    const changes = await collect({ maxFileBytes: 1024 });
    expect(byPath(changes, 'logo.png')).toMatchObject({ binary: true, size: 7, note: 'binary file; contents not read' });
    expect(byPath(changes, 'logo.png').after).toBeUndefined();
    expect(byPath(changes, 'big.json')).toMatchObject({ size: 5000, note: 'larger than the 1 KiB size limit; raise `limits.max-file-bytes` in the tollgate config to analyse it' });
    expect(byPath(changes, 'big.json').after).toBeUndefined();
    // Without a Content-Length the body is read only up to the limit, so the size stays unknown.
    expect(byPath(changes, 'big-chunked.json')).toEqual({
      path: 'big-chunked.json',
      status: 'added',
      additions: 1,
      deletions: 1,
      note: 'larger than the 1 KiB size limit; raise `limits.max-file-bytes` in the tollgate config to analyse it',
    });
    expect(byPath(changes, 'big-chunked.json').after).toBeUndefined();
  });

  it('fetches only wanted files, with at most 8 requests in flight', async () => {
    github.files = Array.from({ length: 40 }, (_, i) => listed(`f${String(i).padStart(2, '0')}.tf`, 'added'));
    github.files.push(listed('README.md', 'added'));
    for (const file of github.files) github.contents.set(`${HEAD}:${file.filename}`, Buffer.from(`${file.filename}\n`));

    const changes = await collect({ wantContent: (path) => path.endsWith('.tf') });
    expect(changes.files).toHaveLength(41);
    expect(byPath(changes, 'f39.tf').after).toBe('f39.tf\n');
    expect(byPath(changes, 'README.md').after).toBeUndefined();
    expect(github.requests.filter((line) => line.includes('/contents/'))).toHaveLength(40);
    expect(github.peakInFlight).toBeLessThanOrEqual(8);
    expect(github.peakInFlight).toBeGreaterThan(1);
  });

  it('follows Link pagination over several pages', async () => {
    github.files = Array.from({ length: 250 }, (_, i) => listed(`file-${String(i).padStart(3, '0')}.yaml`, 'added'));
    const changes = await collect({ wantContent: () => false });
    expect(changes.files).toHaveLength(250);
    expect(changes.files[249]?.path).toBe('file-249.yaml');
    expect(github.requests.filter((line) => line.includes('/pulls/7/files'))).toHaveLength(3);
    expect(changes.truncated).toBeUndefined();
  });

  it('flags a pull request capped at 3,000 listed files as truncated', async () => {
    github.files = Array.from({ length: 3200 }, (_, i) => listed(`file-${String(i).padStart(4, '0')}.yaml`, 'added'));
    const changes = await collect({ wantContent: () => false });
    expect(changes.files).toHaveLength(3000);
    expect(changes.truncated).toBe(true);
    expect(changes.notices).toEqual([{ message: TRUNCATED_NOTICE }]);
    expect(TRUNCATED_NOTICE).toBe('GitHub lists at most 3,000 files of a pull request; files after that were not analysed');
  });

  it('throws a ChangesError when the file list itself cannot be read', async () => {
    const client = createClient('fake-token', { baseUrl });
    const attempt = collectGitHubChanges({ client, owner: 'acme', repo: 'other', pullNumber: 7, baseSha: BASE, headSha: HEAD });
    await expect(attempt).rejects.toBeInstanceOf(ChangesError);
    await expect(attempt).rejects.toThrow(/could not list the files of pull request #7 in acme\/other \(HTTP 404: Not Found/);
  });
});
