import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pullRequestEvent, webhookExample } from '../../test/e2e/payloads.js';
import { EventContextError, parseEvent, readEventContext, type PullRequestContext } from './context.js';

const ENV = { GITHUB_REPOSITORY: 'acme/platform', GITHUB_SERVER_URL: 'https://ghes.example.com' };
const HEAD = '1'.repeat(40);
const BASE = '2'.repeat(40);

function event(forkOwner?: string): Record<string, unknown> {
  return pullRequestEvent({ action: 'opened', owner: 'acme', repo: 'platform', number: 42, headSha: HEAD, baseSha: BASE, ...(forkOwner ? { forkOwner } : {}) });
}

function contextOf(eventName: string, payload: unknown, env: NodeJS.ProcessEnv = ENV): PullRequestContext {
  const result = parseEvent(eventName, payload, env);
  if (result.kind !== 'pull-request') throw new Error(`expected a pull request, got: ${result.reason}`);
  return result.context;
}

describe('parseEvent', () => {
  it('reads a real pull_request payload, taking the head SHA from the pull request', () => {
    const payload = webhookExample('pull_request', 'opened');
    const pr = payload['pull_request'] as { head: { sha: string; ref: string }; base: { sha: string; ref: string }; title: string; user: { login: string } };
    const context = contextOf('pull_request', payload, { GITHUB_REPOSITORY: 'Codertocat/Hello-World', GITHUB_SHA: 'f'.repeat(40) });

    expect(context).toMatchObject({
      owner: 'Codertocat',
      repo: 'Hello-World',
      number: payload['number'],
      headSha: pr.head.sha,
      baseSha: pr.base.sha,
      headRef: pr.head.ref,
      baseRef: pr.base.ref,
      isFork: false,
      serverUrl: 'https://github.com',
    });
    expect(context.pr).toMatchObject({ title: pr.title, author: pr.user.login, headSha: pr.head.sha, repository: 'Codertocat/Hello-World' });
  });

  it('fills the pull request info the rules read', () => {
    const payload = event();
    const pr = payload['pull_request'] as Record<string, unknown>;
    pr['labels'] = [{ name: 'infra' }, { name: 'cost-approved' }, { bogus: true }];
    pr['draft'] = true;
    pr['body'] = null;
    const context = contextOf('pull_request_target', payload);
    expect(context.eventName).toBe('pull_request_target');
    expect(context.serverUrl).toBe('https://ghes.example.com');
    expect(context.pr).toMatchObject({ number: 42, labels: ['infra', 'cost-approved'], draft: true, body: '', url: 'https://github.test/acme/platform/pull/42' });
  });

  it('detects a fork by the head repository, and a deleted fork by its absence', () => {
    expect(contextOf('pull_request', event('outsider')).isFork).toBe(true);
    const deleted = event();
    ((deleted['pull_request'] as Record<string, Record<string, unknown>>)['head'] ?? {})['repo'] = null;
    expect(contextOf('pull_request', deleted).isFork).toBe(true);
    expect(contextOf('pull_request', event()).isFork).toBe(false);
  });

  it('skips other events with the reason', () => {
    expect(parseEvent('push', webhookExample('push'), ENV)).toEqual({ kind: 'skipped', reason: 'tollgate runs on pull_request events; got push' });
  });

  it('names what is missing from a broken payload', () => {
    const payload = event();
    delete ((payload['pull_request'] as Record<string, Record<string, unknown>>)['head'] ?? {})['sha'];
    expect(() => parseEvent('pull_request', payload, ENV)).toThrow('the event payload has no pull_request.head.sha');
    expect(() => parseEvent('pull_request', {}, ENV)).toThrow('the pull_request event payload has no pull_request object');
    expect(() => parseEvent('pull_request', event(), { GITHUB_REPOSITORY: 'just-a-name' })).toThrow('GITHUB_REPOSITORY must be "owner/name"; got "just-a-name"');
  });
});

describe('readEventContext', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-context-'));

  it('reads the event file named by GITHUB_EVENT_PATH', () => {
    const path = join(dir, 'event.json');
    writeFileSync(path, JSON.stringify(event()));
    const result = readEventContext({ ...ENV, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path });
    expect(result).toMatchObject({ kind: 'pull-request', context: { number: 42, headSha: HEAD } });
  });

  it('does not need an event file for an event it skips', () => {
    expect(readEventContext({ GITHUB_EVENT_NAME: 'schedule' })).toMatchObject({ kind: 'skipped' });
  });

  it('explains a missing or malformed event file', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    expect(() => readEventContext({ ...ENV, GITHUB_EVENT_NAME: 'pull_request' })).toThrow(EventContextError);
    expect(() => readEventContext({ ...ENV, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: bad })).toThrow(`the event file ${bad} is not valid JSON`);
    expect(() => readEventContext({ ...ENV, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(dir, 'none.json') })).toThrow('cannot read the event file');
  });
});
