import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { defaults as actionsDefaults } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type GitHubClient = ReturnType<typeof getOctokit>;

/** One attempt of one request; GitHub answers a page of 100 comments in well under a second. */
export const REQUEST_TIMEOUT_MS = 15_000;
/** 5xx and network errors: 3 retries with the retry plugin's backoff of 1 s, 4 s, 9 s (14 s in all). */
export const SERVER_ERROR_RETRIES = 3;
export const PRIMARY_RATE_LIMIT_RETRIES = 2;
export const SECONDARY_RATE_LIMIT_RETRIES = 1;
/**
 * A rate-limit wait longer than this is not worth a runner's minutes: the primary limit can reset
 * an hour away. GitHub asks for at least a minute after a secondary limit without `retry-after`.
 */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 60;

/*
 * Worst case for one request, all limits hit: the throttling plugin makes at most 3 attempts (the
 * retry counter is shared: 2 primary-limit retries, or 1 secondary then 1 primary) with at most
 * 2 waits of 60 s between them; each attempt is up to 4 tries of 15 s with 14 s of backoff.
 * 3 × (4 × 15 s + 14 s) + 2 × 60 s = 342 s, under six minutes, never an hour.
 */

interface RateLimitedRequest {
  method: string;
  url: string;
}

function describeRequest(options: RateLimitedRequest): string {
  return `${options.method} ${options.url}`;
}

export function shouldRetryPrimaryLimit(retryAfterSeconds: number, retryCount: number): boolean {
  return retryCount < PRIMARY_RATE_LIMIT_RETRIES && retryAfterSeconds <= MAX_RATE_LIMIT_WAIT_SECONDS;
}

export function shouldRetrySecondaryLimit(retryAfterSeconds: number, retryCount: number): boolean {
  return retryCount < SECONDARY_RATE_LIMIT_RETRIES && retryAfterSeconds <= MAX_RATE_LIMIT_WAIT_SECONDS;
}

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * @octokit/request has no timeout option, and a `request` option replaces @actions/github's
 * default one wholesale (shallow merge), which would drop its proxy-aware fetch. So this wraps
 * that fetch and adds a per-attempt deadline; an abort surfaces as a status-500 error the retry
 * plugin retries.
 */
function fetchWithTimeout(baseFetch: Fetch, timeoutMs: number): Fetch {
  return (url, init = {}) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return baseFetch(url, { ...init, signal });
  };
}

export interface ClientOptions {
  /** Only for tests against a local server; the action relies on `GITHUB_API_URL`. */
  baseUrl?: string;
}

/**
 * The one place an API client is made. The base URL comes from `GITHUB_API_URL` (GitHub
 * Enterprise Server included): @actions/github reads it when it loads, falling back to the public
 * API only when the variable is unset, as outside a runner.
 */
export function createClient(token: string, options: ClientOptions = {}): GitHubClient {
  const baseFetch = (actionsDefaults.request?.fetch ?? globalThis.fetch) as Fetch;
  return getOctokit(
    token,
    {
      ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
      request: { ...actionsDefaults.request, fetch: fetchWithTimeout(baseFetch, REQUEST_TIMEOUT_MS) },
      retry: { retries: SERVER_ERROR_RETRIES },
      throttle: {
        onRateLimit: (retryAfter: number, options: RateLimitedRequest, _octokit: unknown, retryCount: number) => {
          const retrying = shouldRetryPrimaryLimit(retryAfter, retryCount);
          core.warning(
            `GitHub API rate limit reached for ${describeRequest(options)}; ` +
              (retrying ? `retrying in ${retryAfter} s.` : `it resets in ${retryAfter} s, not waiting.`),
          );
          return retrying;
        },
        onSecondaryRateLimit: (retryAfter: number, options: RateLimitedRequest, _octokit: unknown, retryCount: number) => {
          const retrying = shouldRetrySecondaryLimit(retryAfter, retryCount);
          core.warning(
            `GitHub API secondary rate limit hit for ${describeRequest(options)}; ` +
              (retrying ? `retrying once in ${retryAfter} s.` : 'giving up.'),
          );
          return retrying;
        },
      },
    },
    retry,
    throttling,
  );
}
