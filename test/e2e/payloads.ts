import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tree } from './fake-github.js';

const require = createRequire(import.meta.url);

interface WebhookEntry {
  name: string;
  examples: Record<string, unknown>[];
}

type Json = Record<string, unknown>;

const webhooks = require('@octokit/webhooks-examples') as WebhookEntry[];

export const FIXTURE_REPO = fileURLToPath(new URL('../fixtures/events/repo/', import.meta.url));

/** A real webhook example from @octokit/webhooks-examples, deep-copied so tests can edit it. */
export function webhookExample(event: string, action?: string): Json {
  const entry = webhooks.find((candidate) => candidate.name === event);
  const example = entry?.examples.find((candidate) => action === undefined || candidate['action'] === action);
  if (!example) throw new Error(`@octokit/webhooks-examples has no ${event}${action ? `.${action}` : ''} example`);
  return structuredClone(example);
}

export interface PullRequestEventOptions {
  action: 'opened' | 'synchronize';
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
  /** Make the head branch live in another user's fork, as GitHub reports it. */
  forkOwner?: string;
  /** Label names on the pull request, in the payload's label shape. */
  labels?: string[];
}

function object(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null) throw new Error(`webhook example has no ${where}`);
  return value as Json;
}

/** A pull_request payload aimed at the fake GitHub: its repository, number and commits. */
export function pullRequestEvent(options: PullRequestEventOptions): Json {
  const payload = webhookExample('pull_request', options.action);
  const pr = object(payload['pull_request'], 'pull_request');
  const head = object(pr['head'], 'pull_request.head');
  const base = object(pr['base'], 'pull_request.base');
  const fullName = `${options.owner}/${options.repo}`;
  payload['number'] = options.number;
  pr['number'] = options.number;
  pr['html_url'] = `https://github.test/${fullName}/pull/${options.number}`;
  head['sha'] = options.headSha;
  base['sha'] = options.baseSha;
  for (const side of [head, base]) {
    const repo = object(side['repo'], 'pull_request.*.repo');
    repo['full_name'] = fullName;
    repo['name'] = options.repo;
    object(repo['owner'], 'repo.owner')['login'] = options.owner;
  }
  const repository = object(payload['repository'], 'repository');
  repository['full_name'] = fullName;
  repository['name'] = options.repo;
  if (options.labels !== undefined) {
    pr['labels'] = options.labels.map((name, index) => ({ id: 7000 + index, node_id: `LA_${index}`, url: `https://api.github.test/repos/${fullName}/labels/${name}`, name, color: 'd73a4a', default: false, description: null }));
  }
  if (options.forkOwner !== undefined) {
    const forkRepo = object(head['repo'], 'pull_request.head.repo');
    forkRepo['full_name'] = `${options.forkOwner}/${options.repo}`;
    forkRepo['fork'] = true;
    object(forkRepo['owner'], 'head.repo.owner')['login'] = options.forkOwner;
    head['label'] = `${options.forkOwner}:${String(head['ref'])}`;
  }
  return payload;
}

/** Every file under `directory`, keyed by its path relative to it with forward slashes. */
export function readTree(directory: string): Tree {
  const tree: Tree = {};
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else tree[relative(directory, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(directory);
  return tree;
}

export function fixtureTrees(): { base: Tree; head: Tree } {
  return { base: readTree(join(FIXTURE_REPO, 'base')), head: readTree(join(FIXTURE_REPO, 'head')) };
}
