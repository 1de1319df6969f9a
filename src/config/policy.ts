import type { ChangedFile } from '../changes/model.js';
import { resolveConfigRead } from './load.js';
import type { ConfigError, ConfigFileRead, FailOn, PolicySide, ResolvedConfig, RuleLevel, RuleSettings } from './model.js';
import { OPTION_DIRECTIONS, type OptionDirection } from './strictness.js';
import { readYaml } from './yaml-source.js';

/**
 * Whose configuration judges a pull request, and what the pull request does to it. The policy in
 * force is the base branch's: a pull request that loosens the gate must not be judged by the
 * looser gate. Its own configuration is shown as a proposal (what the verdict would be under it,
 * and each way it loosens or tightens the gate) and takes effect once merged.
 */

/** Which way one change to the configuration moves the gate. */
export type PolicyEffect = 'weaker' | 'stricter' | 'changed';

export interface PolicyDifference {
  effect: PolicyEffect;
  /** What changed, in words: `lowers fail-on from error to never`. */
  message: string;
  /** The key in the proposed file (a YAML path), to point at its line. */
  key: string[];
  /** Its line in the proposed file, when the file has it. */
  line?: number;
}

/** What the pull request does to the configuration, when it changes the file. */
export interface PolicyChange {
  /** The file, as named at the head (or at the base, when the pull request deletes it). */
  path: string;
  /** Absent when the changed file does not load: `errors` says why. */
  proposed?: ResolvedConfig;
  errors?: ConfigError[];
  differences: PolicyDifference[];
}

export interface Policy {
  /** The configuration the verdict uses. */
  config: ResolvedConfig;
  /** Whose it is. */
  from: PolicySide;
  change?: PolicyChange;
  /** Why the head's configuration judges although the base's should (the base's does not load). */
  fallback?: string;
}

export interface PolicyInput {
  base: ConfigFileRead;
  head: ConfigFileRead;
  /** The `policy-from` input or flag; otherwise the base configuration's own `policy-from`. */
  from?: PolicySide;
  /** The user named the file: a missing one is an error, not the default preset. */
  required?: boolean;
}

type Loaded = { config: ResolvedConfig } | { errors: ConfigError[] };

function load(read: ConfigFileRead, required: boolean): Loaded {
  const resolved = resolveConfigRead(read, required);
  return resolved.config ? { config: resolved.config } : { errors: resolved.errors };
}

const sameText = (a: ConfigFileRead, b: ConfigFileRead): boolean =>
  ('text' in a && 'text' in b && a.text === b.text) || ('missing' in a && 'missing' in b);

function firstError(errors: readonly ConfigError[]): string {
  const [error] = errors;
  if (!error) return 'it does not load';
  return `${error.file}${error.line !== undefined ? `:${error.line}` : ''}: ${error.key ? `${error.key}: ` : ''}${error.message}`;
}

/**
 * The policy for one pull request. The base's configuration judges unless the base asks for the
 * head's (`policy-from: head`, or the override); a base configuration that does not load never
 * locks the repository: the head's judges, and `fallback` says why. Only when neither loads is
 * there no policy (the errors of the one in force).
 */
export function resolvePolicy(input: PolicyInput): Policy | { errors: ConfigError[] } {
  const required = input.required === true;
  const base = load(input.base, required);
  const head = sameText(input.base, input.head) ? base : load(input.head, required);
  if ('errors' in base) {
    if ('errors' in head) return { errors: base.errors };
    return { config: head.config, from: 'head', fallback: `the configuration on the base branch does not load (${firstError(base.errors)}), so this pull request's own configuration judges it` };
  }
  const from = input.from ?? base.config.policyFrom;
  if (from === 'head') {
    return 'errors' in head ? { errors: head.errors } : { config: head.config, from: 'head' };
  }
  if (sameText(input.base, input.head)) return { config: base.config, from: 'base' };
  const path = 'missing' in input.head ? input.base.path : input.head.path;
  if ('errors' in head) {
    return { config: base.config, from: 'base', change: { path, errors: head.errors, differences: [{ effect: 'weaker', message: `makes the configuration invalid (${firstError(head.errors)}); once merged, every pull request falls back to its own configuration`, key: [] }] } };
  }
  const locate = 'text' in input.head ? keyLocator(input.head.text, input.head.path) : undefined;
  const differences = compareConfigs(base.config, head.config).map((difference) => {
    const line = locate?.(difference.key);
    return line === undefined ? difference : { ...difference, line };
  });
  if ('missing' in input.head) differences.unshift({ effect: differences.some((item) => item.effect === 'weaker') ? 'weaker' : 'changed', message: `deletes ${input.base.path}; the default preset applies once merged`, key: [] });
  return { config: base.config, from: 'base', change: { path, proposed: head.config, differences } };
}

/** Whether the change touches the configuration file (`path` from the repository root): only then is the head's version read. */
export function configFileChanged(files: readonly ChangedFile[], path: string): boolean {
  return files.some((file) => file.path === path || file.previousPath === path);
}

function keyLocator(text: string, file: string): ((key: string[]) => number | undefined) | undefined {
  const read = readYaml(text, file);
  if (!read.source) return undefined;
  const source = read.source;
  return (key) => (key.length === 0 ? undefined : source.locate(key, 'key').line);
}

// ---- comparing two configurations ------------------------------------------------------------

const FAIL_ON_STRICTNESS: Record<FailOn, number> = { never: 0, error: 1, warning: 2 };
const LEVEL_STRICTNESS: Record<RuleLevel, number> = { off: 0, notice: 1, warning: 2, error: 3 };

function byRank<T extends string>(before: T, after: T, rank: Record<T, number>): PolicyEffect {
  return rank[after] < rank[before] ? 'weaker' : 'stricter';
}

function listed(values: readonly string[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

/** A list of globs or names that narrows (`paths`: fewer is looser) or exempts (`ignore`: more is looser). */
function listDifference(before: readonly string[], after: readonly string[], name: string, key: string[], moreIs: 'looser' | 'stricter'): PolicyDifference[] {
  const removed = before.filter((value) => !after.includes(value));
  const added = after.filter((value) => !before.includes(value));
  if (removed.length === 0 && added.length === 0) return [];
  const loosens = moreIs === 'looser' ? added.length > 0 : removed.length > 0;
  const parts = [added.length > 0 ? `adds ${listed(added)}` : '', removed.length > 0 ? `drops ${listed(removed)}` : ''].filter(Boolean);
  return [{ effect: loosens ? 'weaker' : 'stricter', message: `${parts.join(' and ')} ${added.length > 0 && removed.length === 0 ? 'to' : 'in'} ${name}`, key }];
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

function optionDifference(ruleId: string, name: string, before: unknown, after: unknown): PolicyDifference | undefined {
  if (JSON.stringify(before) === JSON.stringify(after)) return undefined;
  const key = ['rules', ruleId, 'options', name];
  const direction: OptionDirection | undefined = OPTION_DIRECTIONS[ruleId]?.[name];
  const what = `${ruleId} option ${name}`;
  const shown = (value: unknown): string => (value === undefined ? 'unset' : JSON.stringify(value));
  const effect = ((): PolicyEffect => {
    if (direction === undefined) return 'changed';
    if (direction === 'threshold' || direction === 'higher-looser' || direction === 'higher-stricter') {
      if (typeof before !== 'number' || typeof after !== 'number') return 'changed';
      if (direction === 'threshold' && (after === 0 || before === 0)) return after === 0 ? 'weaker' : 'stricter';
      const higher = after > before;
      return direction === 'higher-stricter' ? (higher ? 'stricter' : 'weaker') : higher ? 'weaker' : 'stricter';
    }
    if (direction === 'on-stricter' || direction === 'on-looser') {
      const on = after === true;
      return (direction === 'on-stricter') === on ? 'stricter' : 'weaker';
    }
    const was = strings(before) ?? [];
    const now = strings(after) ?? [];
    const grows = now.some((item) => !was.includes(item));
    const shrinks = was.some((item) => !now.includes(item));
    if (grows && shrinks) return 'changed';
    return (direction === 'more-looser') === grows ? 'weaker' : 'stricter';
  })();
  return { effect, message: `sets ${what} from ${shown(before)} to ${shown(after)}`, key };
}

/** A level change; a custom policy without an entry reports at its file's severity, which the configuration does not know. */
function levelDifference(id: string, was: RuleLevel | undefined, now: RuleLevel | undefined): PolicyDifference[] {
  if (was === now) return [];
  const key = ['rules', id];
  if (was === undefined || now === undefined) {
    const own = 'its own severity';
    const effect: PolicyEffect = now === 'off' ? 'weaker' : was === 'off' ? 'stricter' : 'changed';
    return [{ effect, message: now === undefined ? `drops the setting of ${id} (was ${was}): it reports at ${own}` : `sets ${id} to ${now} (was ${own})`, key }];
  }
  const verb = now === 'off' ? `turns ${id} off (was ${was})` : was === 'off' ? `turns ${id} on at ${now}` : `${LEVEL_STRICTNESS[now] < LEVEL_STRICTNESS[was] ? 'lowers' : 'raises'} ${id} from ${was} to ${now}`;
  return [{ effect: byRank(was, now, LEVEL_STRICTNESS), message: verb, key }];
}

/** Every built-in rule has an entry in every configuration; only a custom policy's can be missing on either side. */
function ruleDifferences(id: string, before: RuleSettings | undefined, after: RuleSettings | undefined): PolicyDifference[] {
  const differences = levelDifference(id, before?.level, after?.level);
  if (after?.level === 'off') return differences;
  differences.push(...listDifference(before?.paths ?? ['**'], after?.paths ?? ['**'], `the paths of ${id}`, ['rules', id, 'paths'], 'stricter'));
  differences.push(...listDifference(before?.ignore ?? [], after?.ignore ?? [], `the ignore globs of ${id}`, ['rules', id, 'ignore'], 'looser'));
  const was = before?.options ?? {};
  const now = after?.options ?? {};
  for (const name of new Set([...Object.keys(was), ...Object.keys(now)])) {
    const difference = optionDifference(id, name, was[name], now[name]);
    if (difference) differences.push(difference);
  }
  return differences;
}

/** An override that sets a rule below its own level (off, or a lesser severity) for some paths loosens the gate there. */
function overrideDifferences(before: ResolvedConfig, after: ResolvedConfig): PolicyDifference[] {
  if (JSON.stringify(before.overrides) === JSON.stringify(after.overrides)) return [];
  const known = new Set(before.overrides.map((override) => JSON.stringify(override)));
  const lowered = after.overrides
    .filter((override) => !known.has(JSON.stringify(override)))
    .flatMap((override) =>
      Object.entries(override.levels).flatMap(([id, level]) => {
        // A custom policy without an entry has its file's severity, unknown here: only off surely lowers it.
        const own = after.rules[id]?.level;
        const lowers = own === undefined ? level === 'off' : LEVEL_STRICTNESS[level] < LEVEL_STRICTNESS[own];
        return lowers ? [`${id} ${level === 'off' ? 'off' : `down to ${level}`} in ${override.paths.join(', ')}`] : [];
      }),
    );
  if (lowered.length > 0) return [{ effect: 'weaker', message: `adds overrides that turn ${lowered.join('; ')}`, key: ['overrides'] }];
  return [{ effect: 'changed', message: 'changes overrides', key: ['overrides'] }];
}

function scalarDifference(before: string | number | undefined, after: string | number | undefined, name: string, key: string[]): PolicyDifference[] {
  return before === after ? [] : [{ effect: 'changed', message: `sets ${name} from ${JSON.stringify(before ?? null)} to ${JSON.stringify(after ?? null)}`, key }];
}

/** Each way `after` differs from `before`, and which way it moves the gate. */
export function compareConfigs(before: ResolvedConfig, after: ResolvedConfig): PolicyDifference[] {
  const differences: PolicyDifference[] = [];
  if (before.preset !== after.preset) differences.push({ effect: after.preset === 'strict' ? 'stricter' : 'weaker', message: `extends ${after.preset} instead of ${before.preset}`, key: ['extends'] });
  if (before.failOn !== after.failOn) {
    differences.push({ effect: byRank(before.failOn, after.failOn, FAIL_ON_STRICTNESS), message: `${FAIL_ON_STRICTNESS[after.failOn] < FAIL_ON_STRICTNESS[before.failOn] ? 'lowers' : 'raises'} fail-on from ${before.failOn} to ${after.failOn}`, key: ['fail-on'] });
  }
  if (before.judge !== after.judge) differences.push({ effect: after.judge === 'all' ? 'stricter' : 'weaker', message: `judges ${after.judge === 'all' ? 'every finding' : 'new findings only'} (was ${before.judge})`, key: ['judge'] });
  if (before.policyFrom !== after.policyFrom) {
    differences.push({ effect: after.policyFrom === 'head' ? 'weaker' : 'stricter', message: `sets policy-from to ${after.policyFrom}: ${after.policyFrom === 'head' ? 'every pull request would be judged by its own configuration' : 'pull requests are judged by the base branch’s configuration'}`, key: ['policy-from'] });
  }
  differences.push(...listDifference(before.paths, after.paths, 'paths', ['paths'], 'stricter'));
  differences.push(...listDifference(before.ignore, after.ignore, 'ignore', ['ignore'], 'looser'));
  for (const id of [...new Set([...Object.keys(before.rules), ...Object.keys(after.rules)])].sort()) differences.push(...ruleDifferences(id, before.rules[id], after.rules[id]));
  differences.push(...listDifference(before.policies, after.policies, 'policies', ['policies'], 'stricter'));
  differences.push(...overrideDifferences(before, after));
  differences.push(...listDifference(before.kubernetes.nonProduction, after.kubernetes.nonProduction, 'kubernetes.non-production', ['kubernetes', 'non-production'], 'looser'));
  if (before.limits.maxFileBytes !== after.limits.maxFileBytes) {
    const lower = after.limits.maxFileBytes < before.limits.maxFileBytes;
    differences.push({ effect: lower ? 'weaker' : 'stricter', message: `${lower ? 'lowers' : 'raises'} limits.max-file-bytes from ${before.limits.maxFileBytes} to ${after.limits.maxFileBytes}${lower ? ': larger files are no longer analysed' : ''}`, key: ['limits', 'max-file-bytes'] });
  }
  differences.push(...scalarDifference(before.cost.region, after.cost.region, 'cost.region', ['cost', 'region']));
  differences.push(...scalarDifference(before.cost.fallbackRegion, after.cost.fallbackRegion, 'cost.fallback-region', ['cost', 'fallback-region']));
  if (JSON.stringify(before.cost.kubernetesRates) !== JSON.stringify(after.cost.kubernetesRates)) differences.push({ effect: 'changed', message: 'changes cost.kubernetes-rates', key: ['cost', 'kubernetes-rates'] });
  // A bigger discount shrinks every delta a budget judges, so a price book change is a policy change too.
  if (JSON.stringify(before.cost.priceBook) !== JSON.stringify(after.cost.priceBook)) differences.push({ effect: 'changed', message: 'changes cost.price-book', key: ['cost', 'price-book'] });
  if (JSON.stringify(before.kubernetes.helmValues) !== JSON.stringify(after.kubernetes.helmValues)) differences.push({ effect: 'changed', message: 'changes kubernetes.helm-values', key: ['kubernetes', 'helm-values'] });
  if (JSON.stringify(before.terraform.varFiles) !== JSON.stringify(after.terraform.varFiles)) differences.push({ effect: 'changed', message: 'changes terraform.var-files', key: ['terraform', 'var-files'] });
  return differences;
}
