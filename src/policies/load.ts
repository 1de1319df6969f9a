import { matchesAnyGlob } from '../globs.js';
import type { ConfigError, ResolvedConfig, RuleIdReference } from '../config/model.js';
import type { Policy } from '../config/policy.js';
import { builtInIds, unknownRuleIds } from '../config/rule-ids.js';
import { parsePolicyFiles, type CustomPolicy } from './file.js';
import { PACK_PREFIX, splitPacks } from './packs.js';
import type { PolicyFilesRead } from './read.js';

/** What loadPolicies needs of a configuration: its `policies:` entries, its file, and the custom ids its rules name. */
export interface PolicySettings {
  policies: readonly string[];
  source: string;
  customRuleIds?: readonly RuleIdReference[];
}

/**
 * A configuration's custom policies: the packs it names and the repository's files its globs
 * match (`readGlobs` reads them from wherever the caller's side lives), parsed and checked
 * together, and every custom id its `rules` and `overrides` name checked against them. Every
 * problem is an error; the caller stops the run on any.
 */
export async function loadPolicies(config: PolicySettings, readGlobs: (globs: string[]) => Promise<PolicyFilesRead>): Promise<{ policies: CustomPolicy[] } | { errors: ConfigError[] }> {
  const packs = splitPacks(config.policies, config.source);
  const read = packs.globs.length > 0 ? await readGlobs(packs.globs) : { files: [], errors: [] };
  const parsed = parsePolicyFiles([...packs.files, ...read.files], builtInIds());
  const errors = [...packs.errors, ...read.errors, ...parsed.errors];
  // A policy file that did not load leaves its ids unknown: its own errors say why, not each reference.
  if (errors.length === 0) errors.push(...unknownRuleIds(config.customRuleIds ?? [], parsed.policies.map((policy) => policy.id)));
  return errors.length > 0 ? { errors } : { policies: parsed.policies };
}

/** Whether the change touches a file the `policies:` globs match (packs ship with tollgate and cannot be touched). */
function touchesPolicyFiles(files: ReadonlyArray<{ path: string; previousPath?: string }>, entries: readonly string[]): boolean {
  const globs = entries.filter((entry) => !entry.startsWith(PACK_PREFIX));
  return files.some((file) => [file.path, file.previousPath].some((path) => path !== undefined && matchesAnyGlob(path, globs)));
}

/**
 * The configuration whose policy files to read at the head, to show the change's edits to them
 * as a proposal: only when the base's policies judge and the change touches a file either side's
 * `policies:` lists; undefined otherwise.
 */
export function proposedPolicySettings(policy: Pick<Policy, 'config' | 'from' | 'change'>, files: ReadonlyArray<{ path: string; previousPath?: string }>): ResolvedConfig | undefined {
  const proposed = policy.change?.proposed ?? policy.config;
  return policy.from === 'base' && touchesPolicyFiles(files, [...policy.config.policies, ...proposed.policies]) ? proposed : undefined;
}
