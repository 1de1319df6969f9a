import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { TOOL_VERSION } from '../meta.js';
import { ApiUnresponsiveError, RequestTimeoutError } from './errors.js';
import { proxiedFetch, proxyFor, type Fetch } from './proxy.js';
import { warning } from './runner.js';

/** REST methods and pagination, as workflows know them from `github.rest.*`; retries and rate limits handled. */
const TollgateOctokit = Octokit.plugin(restEndpointMethods, paginateRest, retry, throttling);

export type GitHubClient = InstanceType<typeof TollgateOctokit>;

/** One attempt of one request; GitHub answers a page of 100 comments in well under a second. */
export const REQUEST_TIMEOUT_MS = 15_000;
/** 5xx and network errors: 3 retries with the retry plugin's backoff of 1 s, 4 s, 9 s (14 s in all). */
export const SERVER_ERROR_RETRIES = 3;
/**
 * The retry plugin's list, plus 429: it would retry a rate limit on its own 1 s, 4 s, 9 s backoff,
 * ignoring `retry-after`; left to the throttling plugin, the wait is the one GitHub asks for.
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
export const PRIMARY_RATE_LIMIT_RETRIES = 2;
export const SECONDARY_RATE_LIMIT_RETRIES = 1;
/**
 * A rate-limit wait longer than this is not worth a runner's minutes: the primary limit can reset
 * an hour away. GitHub asks for at least a minute after a secondary limit without `retry-after`.
 */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 60;

/**
 * After this many attempts of a run have gone unanswered, GitHub is not answering: the client
 * stops calling it, so a hanging API costs a run one request's retries, not one per request.
 */
export const MAX_TIMED_OUT_ATTEMPTS = 4;

/*
 * Worst case for one request, all limits hit: the throttling plugin makes at most 3 attempts (the
 * retry counter is shared: 2 primary-limit retries, or 1 secondary then 1 primary) with at most
 * 2 waits of 60 s between them; each attempt is up to 4 tries of 15 s with 14 s of backoff.
 * 3 × (4 × 15 s + 14 s) + 2 × 60 s = 342 s, under six minutes, never an hour.
 *
 * A hanging API, worst case for the whole run: the 4th unanswered attempt trips the breaker
 * above, at the latest after 4 × 15 s + 14 s of backoff = 74 s (one request's attempts, one after
 * another). An attempt already in flight then ends within its 15 s, and its retries fail at once
 * after at most 14 s of backoff; every later request fails at once. So the run loses at most
 * 74 s + 15 s + 14 s = 103 s to a GitHub that never answers, whatever the number of requests.
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


/** Counts the attempts of one client that went unanswered. */
class Breaker {
  private timedOut = 0;

  constructor(private readonly limit: number) {}

  recordTimeout(): void {
    this.timedOut += 1;
  }

  check(what: string): void {
    if (this.timedOut >= this.limit) {
      throw new ApiUnresponsiveError(`GitHub left ${this.timedOut} requests unanswered, so tollgate did not send ${what}`);
    }
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/**
 * @octokit/request has no timeout option, so this wraps the fetch and adds a per-attempt deadline;
 * a missed deadline surfaces as a status-500 error the retry plugin retries, and counts towards
 * the breaker.
 */
function fetchWithTimeout(baseFetch: Fetch, timeoutMs: number, breaker: Breaker): Fetch {
  return async (url, init = {}) => {
    const what = `${init.method ?? 'GET'} ${pathOf(url)}`;
    breaker.check(what);
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      return await baseFetch(url, { ...init, signal });
    } catch (error) {
      if (!deadline.aborted) throw error;
      breaker.recordTimeout();
      throw new RequestTimeoutError(`GitHub did not answer ${what} within ${timeoutMs / 1000} s`);
    }
  };
}

export interface ClientOptions {
  /** Only for tests against a local server; the action relies on `GITHUB_API_URL`. */
  baseUrl?: string;
  /** The environment that names the API, the proxy and the run; process.env unless a test gives one. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Only for tests: the per-attempt deadline, REQUEST_TIMEOUT_MS otherwise. */
  requestTimeoutMs?: number;
}

const PUBLIC_API = 'https://api.github.com';

/** The runner's orchestration id in the user agent lets GitHub tie the requests to the run, as the Actions toolkit does. */
export function userAgent(env: Readonly<Record<string, string | undefined>>): string {
  const run = env['ACTIONS_ORCHESTRATION_ID']?.trim();
  return `tollgate/${TOOL_VERSION}${run ? ` actions_orchestration_id/${run.replace(/[^a-z0-9_.-]/gi, '_')}` : ''}`;
}

/**
 * The one place an API client is made. The base URL comes from `GITHUB_API_URL` (GitHub
 * Enterprise Server included), the public API only when the variable is unset, as outside a
 * runner. Requests go through Node's own fetch, or through the proxy that https_proxy / no_proxy
 * name for the API host, as the runner's other tools do.
 */
export function createClient(token: string, options: ClientOptions = {}): GitHubClient {
  const env = options.env ?? process.env;
  const baseUrl = options.baseUrl ?? (env['GITHUB_API_URL'] || PUBLIC_API);
  const proxy = proxyFor(baseUrl, env);
  const baseFetch: Fetch = proxy === undefined ? (url, init) => globalThis.fetch(url, init) : proxiedFetch(proxy);
  const breaker = new Breaker(MAX_TIMED_OUT_ATTEMPTS);
  const client = new TollgateOctokit({
    auth: token,
    baseUrl,
    userAgent: userAgent(env),
    request: { fetch: fetchWithTimeout(baseFetch, options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, breaker) },
    retry: { retries: SERVER_ERROR_RETRIES, doNotRetry: DO_NOT_RETRY },
    throttle: {
      onRateLimit: (retryAfter: number, options: RateLimitedRequest, _octokit: unknown, retryCount: number) => {
        const retrying = shouldRetryPrimaryLimit(retryAfter, retryCount);
        warning(`GitHub API rate limit reached for ${describeRequest(options)}; ` + (retrying ? `retrying in ${retryAfter} s.` : `it resets in ${retryAfter} s, not waiting.`));
        return retrying;
      },
      onSecondaryRateLimit: (retryAfter: number, options: RateLimitedRequest, _octokit: unknown, retryCount: number) => {
        const retrying = shouldRetrySecondaryLimit(retryAfter, retryCount);
        warning(`GitHub API secondary rate limit hit for ${describeRequest(options)}; ` + (retrying ? `retrying once in ${retryAfter} s.` : 'giving up.'));
        return retrying;
      },
    },
  });
  // Registered last, so it wraps the retry and throttling plugins: once the breaker trips, a new
  // request fails at once instead of waiting out their backoff.
  client.hook.wrap('request', (request, endpoint) => {
    breaker.check(`${endpoint.method} ${pathOf(endpoint.url)}`);
    return request(endpoint);
  });
  return client;
}
