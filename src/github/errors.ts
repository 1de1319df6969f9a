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

/** GitHub's answer to a write with a read-only token, as a fork's pull request gets. */
export function isReadOnlyTokenFailure(failure: ApiFailure): boolean {
  return failure.status === 403 && /not accessible by integration/i.test(failure.message);
}

/**
 * Why a publishing step failed, in words a workflow author can act on. `what` names the step
 * ("post the review comment"), `permission` the workflow permission it needs.
 */
export function explainApiFailure(error: unknown, what: string, permission: string): string {
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
