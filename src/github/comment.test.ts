import { describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../../test/e2e/fake-github.js';
import { fakeGitHubPerTest, settle } from '../../test/support/fake-clock.js';
import { COMMENT_MARKER } from '../report/markdown.js';
import { createClient } from './client.js';
import { commentAction, findOurComments, upsertComment, type CommentMode, type UpsertCommentOptions } from './comment.js';

const CREATE = 'POST /repos/:o/:r/issues/:n/comments';
const UPDATE = 'PATCH /repos/:o/:r/issues/comments/:id';
const DELETE = 'DELETE /repos/:o/:r/issues/comments/:id';
const BOT = { login: 'github-actions[bot]', type: 'Bot' };

// The throttling plugin spaces writes a second apart, and comments three: on the fake clock.
const setup = fakeGitHubPerTest({ owner: 'o', repo: 'r', pullNumber: 7, baseSha: 'a'.repeat(40), headSha: 'b'.repeat(40), base: {}, head: {} });

function options(body: string, overrides: Partial<UpsertCommentOptions> = {}): UpsertCommentOptions {
  return { owner: 'o', repo: 'r', issueNumber: 7, body: `${COMMENT_MARKER}\n${body}`, marker: COMMENT_MARKER, mode: 'update', verdict: 'fail', ...overrides };
}

function upsert(github: FakeGitHub, opts: UpsertCommentOptions): ReturnType<typeof upsertComment> {
  return settle(upsertComment(createClient('test-token', { baseUrl: github.url }), opts));
}

describe('commentAction', () => {
  it.each<[CommentMode, 'pass' | 'warn' | 'fail', string]>([
    ['update', 'pass', 'upsert'],
    ['update', 'fail', 'upsert'],
    ['on-failure', 'fail', 'upsert'],
    ['on-failure', 'warn', 'delete'],
    ['on-failure', 'pass', 'delete'],
    ['off', 'fail', 'none'],
    ['review', 'fail', 'none'],
  ])('%s with verdict %s → %s', (mode, verdict, expected) => {
    expect(commentAction(mode, verdict)).toBe(expected);
  });
});

describe('findOurComments', () => {
  const comments = [
    { id: 9, body: `${COMMENT_MARKER} x`, user: BOT },
    { id: 3, body: `${COMMENT_MARKER} y`, user: { login: 'someone-app[bot]', type: 'Bot' } },
    { id: 4, body: `quoting ${COMMENT_MARKER}`, user: { login: 'octocat', type: 'User' } },
    { id: 7, body: `> ${COMMENT_MARKER}\n> old report`, user: BOT },
    { id: 8, body: `${COMMENT_MARKER} by a token`, user: { login: 'deploy-bot-user', type: 'User' } },
    { id: 5, body: 'no marker', user: BOT },
    { id: 6, body: COMMENT_MARKER, user: null },
  ];

  it('needs a body opened by the marker and a bot author, oldest first', () => {
    expect(findOurComments(comments, COMMENT_MARKER).map((comment) => comment.id)).toEqual([3, 9]);
  });

  it('also accepts the person a personal access token acts as', () => {
    expect(findOurComments(comments, COMMENT_MARKER, 'deploy-bot-user').map((comment) => comment.id)).toEqual([3, 8, 9]);
  });
});

describe('upsertComment against a fake GitHub', () => {
  it('keeps one comment when the workflow uses a personal access token', async () => {
    const github = await setup();
    github.tokenUser = { login: 'deploy-bot-user', type: 'User' };
    github.seedComment(`${COMMENT_MARKER}\nwritten by someone else`, { login: 'mallory', type: 'User' });
    expect(await upsert(github, options('first'))).toMatchObject({ outcome: 'created' });
    expect(await upsert(github, options('second'))).toMatchObject({ outcome: 'updated' });
    expect(github.comments.map((comment) => [comment.user.login, comment.body])).toEqual([
      ['mallory', `${COMMENT_MARKER}\nwritten by someone else`],
      ['deploy-bot-user', `${COMMENT_MARKER}\nsecond`],
    ]);
  });

  it('does not ask who the workflow token is when only bots have commented', async () => {
    const github = await setup();
    await upsert(github, options('first'));
    await upsert(github, options('second'));
    expect(github.requestsTo('GET /user')).toEqual([]);
  });

  it('creates a comment when there is none, then updates it, then leaves an identical one alone', async () => {
    const github = await setup();
    const created = await upsert(github, options('first'));
    expect(created).toMatchObject({ outcome: 'created' });
    expect(github.comments.map((comment) => comment.body)).toEqual([`${COMMENT_MARKER}\nfirst`]);

    const updated = await upsert(github, options('second'));
    expect(updated).toMatchObject({ outcome: 'updated' });
    expect(github.comments.map((comment) => comment.body)).toEqual([`${COMMENT_MARKER}\nsecond`]);

    const same = await upsert(github, options('second'));
    expect(same).toMatchObject({ outcome: 'unchanged' });
    expect(github.requestsTo(CREATE)).toHaveLength(1);
    expect(github.requestsTo(UPDATE)).toHaveLength(1);
  });

  it('finds its comment past the first page of 100', async () => {
    const github = await setup();
    for (let index = 0; index < 150; index += 1) github.seedComment(`chatter ${index}`, { login: 'octocat', type: 'User' });
    const ours = github.seedComment(`${COMMENT_MARKER}\nold`);

    expect(await upsert(github, options('new'))).toMatchObject({ outcome: 'updated', commentId: ours.id });
    const listed = github.requests.filter((request) => request.method === 'GET');
    expect(listed.map((request) => request.query.get('page') ?? '1')).toEqual(['1', '2']);
    expect(listed.every((request) => request.query.get('per_page') === '100')).toBe(true);
  });

  it('keeps the oldest of several, as a racing run does, and deletes the newer ones', async () => {
    const github = await setup();
    const older = github.seedComment(`${COMMENT_MARKER}\nolder`);
    const newer = github.seedComment(`${COMMENT_MARKER}\nnewer`);

    expect(await upsert(github, options('latest'))).toMatchObject({ outcome: 'updated', commentId: older.id });
    expect(github.requestsTo(DELETE).map((request) => request.path)).toEqual([`/repos/o/r/issues/comments/${newer.id}`]);
    expect(github.comments.map((comment) => [comment.id, comment.body])).toEqual([[older.id, `${COMMENT_MARKER}\nlatest`]]);
  });

  it('writes a new comment when its comment was deleted between the listing and the update', async () => {
    const github = await setup();
    const ours = github.seedComment(`${COMMENT_MARKER}\nbefore`);
    github.beforeNext(UPDATE, () => github.comments.splice(0, 1));

    const outcome = await upsert(github, options('after'));
    expect(github.requestsTo(UPDATE).map((request) => request.status)).toEqual([404]);
    expect(github.comments.map((comment) => comment.body)).toEqual([`${COMMENT_MARKER}\nafter`]);
    expect(github.comments[0]?.id).not.toBe(ours.id);
    expect(outcome).toMatchObject({ outcome: 'created', commentId: github.comments[0]?.id });
  });

  it('takes a duplicate another run already deleted as done', async () => {
    const github = await setup();
    const kept = github.seedComment(`${COMMENT_MARKER}\nolder`);
    const duplicate = github.seedComment(`${COMMENT_MARKER}\nnewer`);
    github.beforeNext(DELETE, () => github.comments.splice(github.comments.indexOf(duplicate), 1));

    expect(await upsert(github, options('latest'))).toMatchObject({ outcome: 'updated', commentId: kept.id });
    expect(github.requestsTo(DELETE).map((request) => request.status)).toEqual([404]);
    expect(github.comments.map((comment) => comment.id)).toEqual([kept.id]);
  });

  it('keeps its new comment when the older one it would give way to is deleted meanwhile', async () => {
    const github = await setup();
    let rival = 0;
    github.beforeNext(CREATE, () => {
      rival = github.seedComment(`${COMMENT_MARKER}\nfrom the other run`).id;
    });
    github.beforeNext(UPDATE, () => github.comments.splice(0, 1));

    const outcome = await upsert(github, options('from this run'));
    expect(github.requestsTo(UPDATE).map((request) => request.path)).toEqual([`/repos/o/r/issues/comments/${rival}`]);
    expect(github.comments.map((comment) => comment.body)).toEqual([`${COMMENT_MARKER}\nfrom this run`]);
    expect(outcome).toMatchObject({ outcome: 'created', commentId: github.comments[0]?.id });
  });

  it('settles a race with a concurrent run: the higher id gives way and the survivor gets this body', async () => {
    const github = await setup();
    let rival = 0;
    github.beforeNext(CREATE, () => {
      rival = github.seedComment(`${COMMENT_MARKER}\nfrom the other run`).id;
    });

    const outcome = await upsert(github, options('from this run'));
    expect(github.comments.map((comment) => comment.id)).toEqual([rival]);
    expect(github.comments[0]?.body).toBe(`${COMMENT_MARKER}\nfrom this run`);
    expect(outcome).toMatchObject({ outcome: 'updated', commentId: rival });
  });

  it('deletes its comment in on-failure mode once the gate passes, and skips when there is none', async () => {
    const github = await setup();
    const ours = github.seedComment(`${COMMENT_MARKER}\nfailed`);

    expect(await upsert(github, options('ok', { mode: 'on-failure', verdict: 'pass' }))).toEqual({ outcome: 'deleted', commentId: ours.id });
    expect(github.comments).toEqual([]);
    expect(await upsert(github, options('ok', { mode: 'on-failure', verdict: 'warn' }))).toMatchObject({ outcome: 'skipped' });
    expect(github.writes()).toHaveLength(1);
  });

  it('does nothing at all when off', async () => {
    const github = await setup();
    expect(await upsert(github, options('x', { mode: 'off' }))).toMatchObject({ outcome: 'skipped' });
    expect(github.requests).toEqual([]);
  });

  it('explains a read-only token instead of throwing', async () => {
    const github = await setup();
    github.readOnly = true;
    const outcome = await upsert(github, options('x'));
    expect(outcome.outcome).toBe('failed');
    expect(outcome).toMatchObject({ reason: expect.stringContaining('a pull request from a fork gets a read-only token') });
  });

  it('explains a pull request the token cannot see', async () => {
    const github = await setup();
    const outcome = await upsert(github, options('x', { issueNumber: 8 }));
    expect(outcome).toMatchObject({ outcome: 'failed', reason: expect.stringContaining('404') });
  });
});
