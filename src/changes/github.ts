import type { GitHubClient } from '../github/client.js';
import { mapLimit } from './concurrency.js';
import {
  DEFAULT_MAX_FILE_BYTES,
  joinNotes,
  sortByPath,
  textFields,
  tooLargeNote,
  wantEverything,
  type SideBytes,
  type WantContent,
} from './content.js';
import { ChangesError } from './errors.js';
import type { ChangedFile, ChangeSet, FileStatus, Notice } from './model.js';
import { apiContextNotice } from './terraform-context.js';

export interface GitHubChangesOptions {
  client: GitHubClient;
  owner: string;
  repo: string;
  pullNumber: number;
  baseSha: string;
  headSha: string;
  /** Branch names for the report; the SHAs when absent. */
  baseRef?: string;
  headRef?: string;
  maxFileBytes?: number;
  wantContent?: WantContent;
}

/** pulls.listFiles stops at this many files, whatever the pull request holds. */
export const GITHUB_FILE_LIST_LIMIT = 3000;

/** Enough to hide latency, few enough to stay clear of GitHub's secondary rate limits. */
export const CONTENT_REQUESTS_IN_FLIGHT = 8;

export const TRUNCATED_NOTICE = `GitHub lists at most 3,000 files of a pull request; files after that were not analysed`;

type ListedFile = Awaited<ReturnType<GitHubClient['rest']['pulls']['listFiles']>>['data'][number];

type Side = 'before' | 'after';

interface ContentRequest {
  fileIndex: number;
  side: Side;
  path: string;
  ref: string;
}

export type SideResult = { bytes: Uint8Array } | { tooLarge: true; size?: number } | { missing: true } | { error: string };

/** The files of a pull request as GitHub lists them, with contents fetched at the base and head commits. */
export async function collectGitHubChanges(options: GitHubChangesOptions): Promise<ChangeSet> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const wantContent = options.wantContent ?? wantEverything;
  const listed = await listFiles(options);
  const notices: Notice[] = [];
  const truncated = listed.length >= GITHUB_FILE_LIST_LIMIT;
  if (truncated) notices.push({ message: TRUNCATED_NOTICE });

  const files = listed.flatMap((entry) => {
    const file = toChangedFile(entry);
    return file === undefined ? [] : [file];
  });
  const requests = files.flatMap((file, fileIndex) => (wantContent(file.path) ? contentRequests(file, fileIndex, options) : []));
  const results = await mapLimit(requests, CONTENT_REQUESTS_IN_FLIGHT, (request) =>
    fetchContent(options, request.path, request.ref, maxFileBytes),
  );
  const bySide = new Map<number, Partial<Record<Side, SideResult>>>();
  requests.forEach((request, index) => {
    const sides = bySide.get(request.fileIndex) ?? {};
    sides[request.side] = results[index] as SideResult;
    bySide.set(request.fileIndex, sides);
  });
  files.forEach((file, index) => {
    const sides = bySide.get(index);
    if (sides !== undefined) applyContents(file, sides, options, maxFileBytes);
  });
  // Reading the unchanged files of each Terraform root would cost API calls per file; say so instead.
  const contextNotice = apiContextNotice(files);
  if (contextNotice) notices.push(contextNotice);

  const changeSet: ChangeSet = {
    source: 'github',
    baseRef: options.baseRef ?? options.baseSha,
    headRef: options.headRef ?? options.headSha,
    baseSha: options.baseSha,
    headSha: options.headSha,
    files: sortByPath(files),
    notices,
  };
  if (truncated) changeSet.truncated = true;
  return changeSet;
}

async function listFiles(options: GitHubChangesOptions): Promise<ListedFile[]> {
  const { client, owner, repo, pullNumber } = options;
  try {
    return await client.paginate(client.rest.pulls.listFiles, { owner, repo, pull_number: pullNumber, per_page: 100 });
  } catch (error) {
    throw new ChangesError(
      `could not list the files of pull request #${pullNumber} in ${owner}/${repo} (${describeError(error)}); check that the token can read pull requests (permissions: pull-requests: read)`,
    );
  }
}

const STATUS_MAP: Record<string, FileStatus | undefined> = {
  added: 'added',
  copied: 'added',
  removed: 'removed',
  modified: 'modified',
  changed: 'modified',
  renamed: 'renamed',
};

function toChangedFile(entry: ListedFile): ChangedFile | undefined {
  const status = STATUS_MAP[entry.status];
  if (status === undefined) return undefined;
  const file: ChangedFile = { path: entry.filename, status, additions: entry.additions, deletions: entry.deletions };
  if (status === 'renamed' && entry.previous_filename !== undefined) file.previousPath = entry.previous_filename;
  if (entry.patch !== undefined) file.patch = entry.patch;
  return file;
}

function contentRequests(file: ChangedFile, fileIndex: number, options: GitHubChangesOptions): ContentRequest[] {
  const requests: ContentRequest[] = [];
  if (file.status !== 'added') {
    requests.push({ fileIndex, side: 'before', path: file.previousPath ?? file.path, ref: options.baseSha });
  }
  if (file.status !== 'removed') requests.push({ fileIndex, side: 'after', path: file.path, ref: options.headSha });
  return requests;
}

function applyContents(file: ChangedFile, sides: Partial<Record<Side, SideResult>>, options: GitHubChangesOptions, maxFileBytes: number): void {
  const notes: string[] = [];
  const bytes: SideBytes = {};
  let tooLarge = false;
  for (const side of ['before', 'after'] as const) {
    const result = sides[side];
    if (result === undefined) continue;
    const label = side === 'before' ? `base version (${shortSha(options.baseSha)})` : `head version (${shortSha(options.headSha)})`;
    if ('bytes' in result) bytes[side] = result.bytes;
    else if ('tooLarge' in result) tooLarge = true;
    else if ('missing' in result) notes.push(`the ${label} was not found (404)`);
    else notes.push(`the ${label} could not be read (${result.error})`);
  }
  const sizeSide = sides[file.status === 'removed' ? 'before' : 'after'];
  if (sizeSide !== undefined && 'bytes' in sizeSide) file.size = sizeSide.bytes.length;
  if (sizeSide !== undefined && 'tooLarge' in sizeSide && sizeSide.size !== undefined) file.size = sizeSide.size;
  if (tooLarge) {
    notes.push(tooLargeNote(maxFileBytes));
  } else {
    const fields = textFields(bytes);
    notes.push(...fields.notes);
    if (fields.binary === true) {
      file.binary = true;
      delete file.patch;
    }
    if (fields.before !== undefined) file.before = fields.before;
    if (fields.after !== undefined) file.after = fields.after;
  }
  const note = joinNotes(notes);
  if (note !== undefined) file.note = note;
}

/** One file of the repository at a commit, read through the API: its bytes, or that it is missing, too large or unreadable. */
export async function fetchContent(options: Pick<GitHubChangesOptions, 'client' | 'owner' | 'repo'>, path: string, ref: string, maxFileBytes: number): Promise<SideResult> {
  const { client, owner, repo } = options;
  try {
    // The raw media type returns the bytes themselves (the JSON form stops at 1 MB), and an
    // unparsed body lets us stop reading once a file passes maxFileBytes.
    const response = await client.rest.repos.getContent({
      owner,
      repo,
      path,
      ref,
      mediaType: { format: 'raw' },
      request: { parseSuccessResponseBody: false },
    });
    const declared = Number(response.headers['content-length']);
    const size = Number.isFinite(declared) && declared > 0 ? declared : undefined;
    if (size !== undefined && size > maxFileBytes) {
      await cancelBody(response.data);
      return { tooLarge: true, size };
    }
    const bytes = await readBody(response.data, maxFileBytes);
    return bytes === undefined ? { tooLarge: true } : { bytes };
  } catch (error) {
    if (statusOf(error) === 404) return { missing: true };
    return { error: describeError(error) };
  }
}

interface ByteStream {
  getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> };
  cancel?(): Promise<void>;
}

function isByteStream(data: unknown): data is ByteStream {
  return typeof data === 'object' && data !== null && typeof (data as ByteStream).getReader === 'function';
}

/** The response body as bytes, or undefined once it grows past `limit`. */
async function readBody(data: unknown, limit: number): Promise<Uint8Array | undefined> {
  if (data === null || data === undefined) return new Uint8Array();
  if (data instanceof ArrayBuffer) return data.byteLength > limit ? undefined : new Uint8Array(data);
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (!isByteStream(data)) return new TextEncoder().encode(JSON.stringify(data));
  const reader = data.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done || value === undefined) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function cancelBody(data: unknown): Promise<void> {
  if (isByteStream(data) && data.cancel !== undefined) await data.cancel().catch(() => undefined);
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Status and GitHub's message only: request details (and with them any header) stay out. */
function describeError(error: unknown): string {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return status === undefined ? (message ?? 'unknown error') : `HTTP ${status}: ${message}`;
}

function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
