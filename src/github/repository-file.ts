import type { ConfigFileRead } from '../config/model.js';
import { MAX_CONFIG_BYTES } from '../config/yaml-source.js';

/** Where the CLI finds GitHub's REST API and a token that reads another repository. */
export interface GitHubAccess {
  apiUrl: string;
  token: string;
}

/** Long enough for a slow API, short enough that a blocked network does not hang a local run. */
const READ_TIMEOUT_MS = 15_000;

/** GitHub answers 404 for a private repository the token cannot see, so "missing" may be either. */
export function notFoundMessage(tokenHint: string): string {
  return `not found: the path, repository or ref is wrong, or the token cannot read that repository (${tokenHint})`;
}

/**
 * The access the environment gives the CLI: GITHUB_TOKEN (as in a workflow) or GH_TOKEN (as the
 * GitHub CLI uses), and GITHUB_API_URL for GitHub Enterprise Server. No token, no network call.
 */
export function gitHubAccessFrom(env: NodeJS.ProcessEnv): GitHubAccess | undefined {
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (!token) return undefined;
  return { apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''), token };
}

/**
 * Another repository's configuration file at a ref, through the contents API, for the CLI (the
 * action reads it with its own client). `name` is how messages call the file: `owner/repo/path@ref`.
 */
export async function fetchRepositoryFile(access: GitHubAccess, file: { owner: string; repo: string; path: string; ref: string }, name: string): Promise<ConfigFileRead> {
  const path = file.path.split('/').map(encodeURIComponent).join('/');
  const url = `${access.apiUrl}/repos/${encodeURIComponent(file.owner)}/${encodeURIComponent(file.repo)}/contents/${path}?ref=${encodeURIComponent(file.ref)}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/vnd.github.raw', authorization: `Bearer ${access.token}`, 'x-github-api-version': '2022-11-28' },
      signal: AbortSignal.timeout(READ_TIMEOUT_MS),
    });
  } catch (error) {
    return { path: name, unreadable: `could not reach ${access.apiUrl} (${error instanceof Error ? error.message : String(error)}); check the network, or GITHUB_API_URL` };
  }
  if (response.status === 404) return { path: name, unreadable: notFoundMessage('GITHUB_TOKEN or GH_TOKEN must be a token with read access to it') };
  if (!response.ok) return { path: name, unreadable: `the GitHub API answered ${response.status} ${response.statusText}; check that GITHUB_TOKEN or GH_TOKEN is valid` };
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > MAX_CONFIG_BYTES) return { path: name, unreadable: 'the file is too large for a config file' };
  return { path: name, text: new TextDecoder().decode(bytes) };
}
