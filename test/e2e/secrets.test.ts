import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from './fake-github.js';
import { fixtureTrees } from './payloads.js';
import { assertBundleBuilt } from './run-action.js';
import { closeFakes, log, repoWith, ROUTE, run, startFake } from './scenario.js';
import { findLeaks, PLANTED, tokenMasked, type RunOutputs } from './secrets.js';

function request(rawBody: string, query = ''): RecordedRequest {
  return { method: 'POST', path: '/x', query: new URLSearchParams(query), headers: {}, rawBody, body: undefined, route: 'x', status: 201, receivedAt: 0 };
}

const CLEAN: RunOutputs = { stdout: `::add-mask::${PLANTED.token}\nok\n`, stderr: '', files: { summary: 'ok' }, requests: [request('{}')] };

describe('the leak scan every end-to-end run goes through', () => {
  it('passes clean outputs, where the token appears only in the command that masks it', () => {
    expect(findLeaks(CLEAN)).toEqual([]);
    expect(tokenMasked(CLEAN.stdout, PLANTED.token)).toBe(true);
  });

  it.each([
    ['stdout', { ...CLEAN, stdout: `${CLEAN.stdout}::error::bad ${PLANTED.awsAccessKeyId}\n` }],
    ['stderr', { ...CLEAN, stderr: `token ${PLANTED.token}` }],
    ['file summary', { ...CLEAN, files: { summary: `x ${PLANTED.input.value}` } }],
    ['POST /x body', { ...CLEAN, requests: [request(JSON.stringify({ body: PLANTED.awsSecretAccessKey }))] }],
    ['POST /x query', { ...CLEAN, requests: [request('{}', `q=${PLANTED.input.value}`)] }],
  ])('finds a planted secret in %s', (channel, outputs) => {
    expect(findLeaks(outputs)).toEqual([expect.stringMatching(new RegExp(` in ${channel}$`))]);
  });

  it('requires the token to be masked before any other workflow command', () => {
    expect(tokenMasked(`::debug::x\n::add-mask::${PLANTED.token}\n`, PLANTED.token)).toBe(false);
    expect(tokenMasked('no commands at all\n', PLANTED.token)).toBe(false);
  });
});

beforeAll(() => {
  assertBundleBuilt();
});

afterEach(closeFakes);

describe('action: secrets in a pull request', () => {
  it('reports committed AWS keys by kind and prefix, never by value, in any channel', async () => {
    const head = {
      ...fixtureTrees().head,
      'k8s/aws-credentials.yaml': [
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: aws-credentials',
        '  namespace: shop',
        'stringData:',
        `  AWS_ACCESS_KEY_ID: ${PLANTED.awsAccessKeyId}`,
        `  AWS_SECRET_ACCESS_KEY: "${PLANTED.awsSecretAccessKey}"`,
        '',
      ].join('\n'),
    };
    const github = await startFake(repoWith(head));
    // runAction scans every output of the run for the planted keys, the token and the input.
    const result = await run(github);

    expect(result.exitCode, log(result)).toBe(1);
    const comment = github.comments[0]?.body ?? '';
    expect(comment).toContain('secrets-in-diff');
    expect(comment).toContain('AKIA…');
    const annotations = (github.requestsTo(ROUTE.createCheck)[0]?.body as { output: { annotations: { title: string; path: string; start_line: number }[] } }).output.annotations;
    const found = annotations.filter((annotation) => annotation.title === 'secrets-in-diff');
    expect(found.map((annotation) => [annotation.path, annotation.start_line])).toEqual([
      ['k8s/aws-credentials.yaml', 7],
      ['k8s/aws-credentials.yaml', 8],
    ]);
  });
});
