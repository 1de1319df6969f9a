import { RULES } from '../checks/registry.js';
import type { ConfigError } from '../config/model.js';
import { parsePolicyFiles, type CustomPolicy } from './file.js';
import { splitPacks } from './packs.js';
import type { PolicyFilesRead } from './read.js';

/**
 * A configuration's custom policies: the packs it names and the repository's files its globs
 * match (`readGlobs` reads them from wherever the caller's side lives), parsed and checked
 * together. Every problem is an error; the caller stops the run on any.
 */
export async function loadPolicies(entries: readonly string[], configFile: string, readGlobs: (globs: string[]) => Promise<PolicyFilesRead>): Promise<{ policies: CustomPolicy[] } | { errors: ConfigError[] }> {
  if (entries.length === 0) return { policies: [] };
  const packs = splitPacks(entries, configFile);
  const read = packs.globs.length > 0 ? await readGlobs(packs.globs) : { files: [], errors: [] };
  const parsed = parsePolicyFiles([...packs.files, ...read.files], new Set(RULES.map((rule) => rule.id)));
  const errors = [...packs.errors, ...read.errors, ...parsed.errors];
  return errors.length > 0 ? { errors } : { policies: parsed.policies };
}
