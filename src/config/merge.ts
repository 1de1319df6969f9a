import type { ResolvedConfig, RuleSettings } from './model.js';
import type { PresetName, RawConfig, RawRule, RawRuleSettings } from './raw.js';

function expandShorthand(rule: RawRule): RawRuleSettings {
  return typeof rule === 'string' ? { level: rule } : rule;
}

/**
 * A later layer overrides an earlier one key by key: `level` replaces, `paths` and `ignore`
 * replace the whole list (a list that merged would make it impossible to narrow a preset),
 * `options` merge one option at a time.
 */
function mergeRule(id: string, base: RuleSettings | undefined, rule: RawRule): RuleSettings {
  const layer = expandShorthand(rule);
  const level = layer.level ?? base?.level;
  if (level === undefined) {
    throw new Error(`rule "${id}" has no level in any preset; add it to policies/default.yml`);
  }
  const paths = layer.paths ?? base?.paths;
  const ignore = layer.ignore ?? base?.ignore;
  return {
    level,
    ...(paths ? { paths: [...paths] } : {}),
    ...(ignore ? { ignore: [...ignore] } : {}),
    options: { ...base?.options, ...layer.options },
  };
}

/** Lays one config file over an already resolved base (a preset). The base is not modified. */
export function mergeConfig(base: ResolvedConfig, layer: RawConfig, source: string, preset: PresetName): ResolvedConfig {
  const rules: Record<string, RuleSettings> = structuredClone(base.rules);
  for (const [id, rule] of Object.entries(layer.rules ?? {})) rules[id] = mergeRule(id, base.rules[id], rule);
  return {
    source,
    preset,
    failOn: layer['fail-on'] ?? base.failOn,
    paths: [...(layer.paths ?? base.paths)],
    ignore: [...(layer.ignore ?? base.ignore)],
    rules,
  };
}
