/** An attempt GitHub did not answer in time; @octokit/request wraps it as the `cause` of a status-500 error. */
export class RequestTimeoutError extends Error {
  override name = 'RequestTimeoutError';
}

/** GitHub left too many attempts unanswered: the client no longer calls it in this run. */
export class ApiUnresponsiveError extends Error {
  override name = 'ApiUnresponsiveError';
}

/** The message of a timeout or of the breaker, which says more than the status 500 Octokit gives them. */
function unansweredMessage(error: unknown): string | undefined {
  const cause = typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
  const found = [error, cause].find((candidate) => candidate instanceof RequestTimeoutError || candidate instanceof ApiUnresponsiveError);
  return found instanceof Error ? found.message : undefined;
}

/** The fields of an Octokit RequestError that explain a failure; anything else thrown is not one. */
export interface ApiFailure {
  status: number;
  message: string;
}

export function asApiFailure(error: unknown): ApiFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, message } = error as { status?: unknown; message?: unknown };
  if (typeof status !== 'number') return undefined;
  return { status, message: typeof message === 'string' ? message : '' };
}

/** One short phrase for the log: `HTTP 422: Validation Failed`, or the message of a failure without a status. */
export function describeApiFailure(error: unknown): string {
  const unanswered = unansweredMessage(error);
  if (unanswered !== undefined) return unanswered;
  const failure = asApiFailure(error);
  if (failure !== undefined) return `HTTP ${failure.status}: ${failure.message.split('\n')[0]}`;
  return error instanceof Error ? error.message : String(error);
}

/** GitHub's answer to a write with a read-only token, as a fork's pull request gets. */
export function isReadOnlyTokenFailure(failure: ApiFailure): boolean {
  return failure.status === 403 && /not accessible by integration/i.test(failure.message);
}

/**
 * Why a publishing step failed, in words a workflow author can act on. `what` names the step
 * ("post the review comment"), `permission` the workflow permission it needs.
 */
export function explainApiFailure(error: unknown, what: string, permission: string): string {
  const unanswered = unansweredMessage(error);
  if (unanswered !== undefined) return `could not ${what}: ${unanswered}; the verdict is in the job summary`;
  const failure = asApiFailure(error);
  if (failure === undefined) {
    return `could not ${what}: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (isReadOnlyTokenFailure(failure)) {
    return (
      `the token cannot ${what}: a pull request from a fork gets a read-only token ` +
      `(or the workflow lacks \`permissions: ${permission}\`); the verdict is in the job summary`
    );
  }
  // GitHub answers a rate limit with 403 (or 429) too; no permission fixes that, waiting does.
  if ((failure.status === 403 || failure.status === 429) && /rate limit/i.test(failure.message)) {
    return `could not ${what}: GitHub's rate limit held after retries (HTTP ${failure.status}: ${failure.message}); re-run the job later; the verdict is in the job summary`;
  }
  if (failure.status === 403 || failure.status === 401) {
    return (
      `the token was refused when trying to ${what} (HTTP ${failure.status}: ${failure.message}); ` +
      `grant \`permissions: ${permission}\` in the workflow; the verdict is in the job summary`
    );
  }
  if (failure.status === 404) {
    return (
      `could not ${what}: GitHub answered 404 (the pull request or repository is not visible to this token, ` +
      `or the workflow lacks \`permissions: ${permission}\`); the verdict is in the job summary`
    );
  }
  if (failure.status >= 500) {
    return `could not ${what}: GitHub kept failing (HTTP ${failure.status}) after retries; the verdict is in the job summary`;
  }
  return `could not ${what}: GitHub answered HTTP ${failure.status} (${failure.message}); the verdict is in the job summary`;
}
