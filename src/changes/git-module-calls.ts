/**
 * The repository-wide search for local module calls in git mode: one `git grep` over the head
 * commit's `.tf`/`.tf.json` blobs that prints only the matching `source = "./…"` pieces, so a
 * 2,000-file monorepo is searched without reading every file through the process.
 */
import { GitCommandError, runGit } from './git-process.js';
import { localModuleCalls, type LocalModuleCall } from './terraform-context.js';

/** POSIX ERE for git: a `source` argument (HCL `=` or JSON `:`) whose string starts with `./` or `../`. */
const SOURCE_PATTERN = '"?source"?[[:space:]]*[=:][[:space:]]*"[.][.]?(/[^"]*)?"';

/** `<commit>:<path>\0<match>\n` records, one per match (`git grep -z -o` on a commit). */
function parseGrepOutput(output: string, commit: string): LocalModuleCall[] {
  const calls: LocalModuleCall[] = [];
  const prefix = `${commit}:`;
  let at = 0;
  while (at < output.length) {
    const nul = output.indexOf('\0', at);
    if (nul === -1) break;
    const lineEnd = output.indexOf('\n', nul);
    const end = lineEnd === -1 ? output.length : lineEnd;
    const name = output.slice(at, nul);
    const path = name.startsWith(prefix) ? name.slice(prefix.length) : name;
    calls.push(...localModuleCalls(path, output.slice(nul + 1, end)));
    at = end + 1;
  }
  return calls;
}

/** Every local module call in the commit; none when nothing matches (git grep exits 1). */
export async function gitModuleCalls(root: string, commit: string): Promise<LocalModuleCall[]> {
  try {
    const output = await runGit(root, ['grep', '-I', '-z', '-o', '-E', '-e', SOURCE_PATTERN, commit, '--', ':(icase)*.tf', ':(icase)*.tf.json']);
    return parseGrepOutput(output.toString('utf8'), commit);
  } catch (error) {
    if (error instanceof GitCommandError && error.exitCode === 1) return [];
    throw error;
  }
}
