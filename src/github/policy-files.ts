import { fetchContent } from '../changes/github.js';
import { MAX_CONFIG_BYTES } from '../config/yaml-source.js';
import { readPolicyFiles, type PolicyFilesRead } from '../policies/read.js';
import type { GitHubClient } from './client.js';

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : undefined;
}

/**
 * The policy files at a commit, through the contents API: one listing per directory a glob can
 * reach (the default glob costs one request, a 404 when the repository has no policies), then one
 * read per policy file.
 */
export function readPolicyFilesThroughApi(client: GitHubClient, owner: string, repo: string, ref: string, globs: readonly string[], source: string): Promise<PolicyFilesRead> {
  return readPolicyFiles(
    globs,
    source,
    async (directory) => {
      try {
        const { data } = await client.rest.repos.getContent({ owner, repo, path: directory, ref });
        if (!Array.isArray(data)) return undefined;
        return data.flatMap((entry): Array<{ name: string; kind: 'file' | 'directory' }> => (entry.type === 'file' ? [{ name: entry.name, kind: 'file' }] : entry.type === 'dir' ? [{ name: entry.name, kind: 'directory' }] : []));
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
    async (path) => {
      const read = await fetchContent({ client, owner, repo }, path, ref, MAX_CONFIG_BYTES);
      if ('bytes' in read) return { text: new TextDecoder().decode(read.bytes) };
      if ('tooLarge' in read) return { error: 'the file is too large for a policy file (over 1 MB)' };
      return { error: 'missing' in read ? 'the file disappeared while it was being read' : `could not be read from the GitHub API (${read.error})` };
    },
  );
}
