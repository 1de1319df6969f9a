import type { RecordedRequest } from './fake-github.js';

/**
 * Secrets planted in end-to-end runs. Every run gets the token and the input; a test that commits
 * the AWS keys in a changed file plants those. None may reach any output of a run: the log (but
 * the `::add-mask::` command that hides the token), the files it writes, or what it sends GitHub.
 */
export const PLANTED = {
  /** Looks like a real installation token, so a leak would be recognisable. */
  token: 'ghs_e2eTokenThatMustNeverAppear0123456789',
  /** A secret a workflow passes in an input tollgate does not declare, as the runner does: INPUT_<NAME>. */
  input: { name: 'registry-password', value: 'planted-input-Zq8vT3kLw9' },
  /** Valid in form and absent from AWS's documentation, so secrets-in-diff reports them (by a prefix only). */
  awsAccessKeyId: 'AKIAQ7TOLLGATE2E3456',
  awsSecretAccessKey: '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',
} as const;

export const PLANTED_VALUES: readonly string[] = [PLANTED.token, PLANTED.input.value, PLANTED.awsAccessKeyId, PLANTED.awsSecretAccessKey];

/** What a run produced: its log, every file it left, and the requests the fake GitHub received. */
export interface RunOutputs {
  stdout: string;
  stderr: string;
  files: Record<string, string>;
  requests: readonly RecordedRequest[];
}

const MASK_COMMAND = '::add-mask::';

/** Where each secret showed up, as `<secret #n> in <channel>`; empty when nothing leaked. */
export function findLeaks(outputs: RunOutputs, secrets: readonly string[] = PLANTED_VALUES): string[] {
  const channels: [string, string][] = [
    ['stdout', outputs.stdout.split('\n').filter((line) => !line.startsWith(MASK_COMMAND)).join('\n')],
    ['stderr', outputs.stderr],
    ...Object.entries(outputs.files).map(([name, content]): [string, string] => [`file ${name}`, content]),
    ...outputs.requests.flatMap((request): [string, string][] => [
      [`${request.method} ${request.path} body`, request.rawBody],
      [`${request.method} ${request.path} query`, request.query.toString()],
    ]),
  ];
  return secrets.flatMap((secret, index) =>
    secret === '' ? [] : channels.filter(([, text]) => text.includes(secret)).map(([channel]) => `planted secret #${index + 1} in ${channel}`),
  );
}

/** The runner masks a value only once the action asks it to, before anything could print it. */
export function tokenMasked(stdout: string, token: string): boolean {
  const first = stdout.split('\n').find((line) => line.startsWith('::'));
  return first === `${MASK_COMMAND}${token}`;
}
