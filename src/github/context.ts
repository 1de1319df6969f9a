import { readFileSync } from 'node:fs';
import type { PullRequestInfo } from '../pull-request.js';

export const SUPPORTED_EVENTS = ['pull_request', 'pull_request_target'] as const;

/** The pull request a run is about, read once from the runner's environment and event payload. */
export interface PullRequestContext {
  eventName: string;
  owner: string;
  repo: string;
  number: number;
  /** `pull_request.head.sha`: GITHUB_SHA is the test merge commit, which no reviewer sees. */
  headSha: string;
  baseSha: string;
  baseRef: string;
  headRef: string;
  /** The head lives in another repository: GitHub then hands the workflow a read-only token. */
  isFork: boolean;
  serverUrl: string;
  pr: PullRequestInfo;
}

export type EventContext =
  | { kind: 'pull-request'; context: PullRequestContext }
  | { kind: 'skipped'; reason: string };

/** The runner's environment is not what a pull request run provides. */
export class EventContextError extends Error {
  override name = 'EventContextError';
}

const DEFAULT_SERVER_URL = 'https://github.com';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(object: Json, key: string): Json {
  const value = object[key];
  return isObject(value) ? value : {};
}

function text(object: Json, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
}

function requiredText(object: Json, key: string, where: string): string {
  const value = text(object, key);
  if (value === undefined || value === '') {
    throw new EventContextError(`the event payload has no ${where}.${key}; is GITHUB_EVENT_PATH the pull request's event file?`);
  }
  return value;
}

function labelNames(pullRequest: Json): string[] {
  const labels = pullRequest['labels'];
  if (!Array.isArray(labels)) return [];
  return labels.flatMap((label: unknown) => (isObject(label) && typeof label['name'] === 'string' ? [label['name']] : []));
}

function splitRepository(repository: string): { owner: string; repo: string } {
  const [owner, repo, ...rest] = repository.split('/');
  if (!owner || !repo || rest.length > 0) {
    throw new EventContextError(`GITHUB_REPOSITORY must be "owner/name"; got "${repository}"`);
  }
  return { owner, repo };
}

function isForkHead(head: Json, base: Json): boolean {
  const headRepo = head['repo'];
  const headName = isObject(headRepo) ? text(headRepo, 'full_name') : undefined;
  const baseName = text(field(base, 'repo'), 'full_name');
  // A deleted fork leaves head.repo null: treat it as a fork, its token is read-only too.
  return headName === undefined || headName !== baseName;
}

/** Turns a parsed event payload into the run's context; pure, so tests feed it payloads directly. */
export function parseEvent(eventName: string, payload: unknown, env: NodeJS.ProcessEnv): EventContext {
  if (!(SUPPORTED_EVENTS as readonly string[]).includes(eventName)) {
    return { kind: 'skipped', reason: `tollgate runs on pull_request events; got ${eventName || 'no event name'}` };
  }
  if (!isObject(payload) || !isObject(payload['pull_request'])) {
    throw new EventContextError(`the ${eventName} event payload has no pull_request object`);
  }
  const pullRequest = payload['pull_request'];
  const head = field(pullRequest, 'head');
  const base = field(pullRequest, 'base');
  const number = typeof payload['number'] === 'number' ? payload['number'] : pullRequest['number'];
  if (typeof number !== 'number') throw new EventContextError('the event payload has no pull request number');

  const repository = env['GITHUB_REPOSITORY'] || text(field(base, 'repo'), 'full_name') || '';
  const { owner, repo } = splitRepository(repository);
  const headSha = requiredText(head, 'sha', 'pull_request.head');
  const baseSha = requiredText(base, 'sha', 'pull_request.base');
  const baseRef = requiredText(base, 'ref', 'pull_request.base');
  const headRef = requiredText(head, 'ref', 'pull_request.head');
  const author = text(field(pullRequest, 'user'), 'login');
  const url = text(pullRequest, 'html_url');
  const draft = pullRequest['draft'];

  return {
    kind: 'pull-request',
    context: {
      eventName,
      owner,
      repo,
      number,
      headSha,
      baseSha,
      baseRef,
      headRef,
      isFork: isForkHead(head, base),
      serverUrl: env['GITHUB_SERVER_URL'] || DEFAULT_SERVER_URL,
      pr: {
        number,
        title: text(pullRequest, 'title') ?? '',
        body: text(pullRequest, 'body') ?? '',
        ...(author !== undefined ? { author } : {}),
        ...(typeof draft === 'boolean' ? { draft } : {}),
        baseBranch: baseRef,
        headBranch: headRef,
        headSha,
        baseSha,
        repository: `${owner}/${repo}`,
        ...(url !== undefined ? { url } : {}),
        labels: labelNames(pullRequest),
      },
    },
  };
}

function readPayload(path: string | undefined): unknown {
  if (!path) throw new EventContextError('GITHUB_EVENT_PATH is not set: tollgate must run inside a GitHub Actions job');
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EventContextError(`cannot read the event file ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    throw new EventContextError(`the event file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads `GITHUB_EVENT_NAME` and the payload at `GITHUB_EVENT_PATH`; other events come back `skipped`. */
export function readEventContext(env: NodeJS.ProcessEnv = process.env): EventContext {
  const eventName = env['GITHUB_EVENT_NAME'] ?? '';
  if (!(SUPPORTED_EVENTS as readonly string[]).includes(eventName)) return parseEvent(eventName, undefined, env);
  return parseEvent(eventName, readPayload(env['GITHUB_EVENT_PATH']), env);
}
