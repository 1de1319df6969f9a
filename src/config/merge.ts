import type { PathOverride, CostSettings, KubernetesRates, KubernetesSettings, LimitsSettings, PriceBook, ResolvedConfig, RuleSettings, TerraformSettings } from './model.js';
import type { PresetName, RawConfig, RawOverride, RawCost, RawKubernetes, RawLimits, RawPriceBook, RawRule, RawRuleSettings, RawTerraform } from './raw.js';

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

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/** Section keys replace the base's one by one; lists replace whole, like `paths`. */
/** `cost.fallback-region: none`: no region stands in; resources priced only elsewhere are listed as unpriced. */
const NO_FALLBACK = 'none';

function mergeCost(base: CostSettings, layer: RawCost | undefined): CostSettings {
  const rates = layer?.['kubernetes-rates'];
  const kubernetesRates: KubernetesRates = {
    ...base.kubernetesRates,
    ...definedOnly({ cpuHour: rates?.['cpu-hour'], memoryGibHour: rates?.['memory-gib-hour'], gpuHour: rates?.['gpu-hour'], storageGibMonth: rates?.['storage-gib-month'] }),
  };
  const chosen = layer?.['fallback-region'] ?? base.fallbackRegion;
  const fallbackRegion = chosen === NO_FALLBACK ? undefined : chosen;
  const priceBook = layer?.['price-book'] ? readPriceBook(layer['price-book']) : base.priceBook;
  return { region: layer?.region ?? base.region, ...(fallbackRegion ? { fallbackRegion } : {}), kubernetesRates, ...(priceBook ? { priceBook } : {}) };
}

/** A layer's price book replaces the base's whole: discounts agreed together are not mixed across files. */
function readPriceBook(raw: RawPriceBook): PriceBook {
  const commitment = raw.commitment;
  return {
    ...definedOnly({ name: raw.name, discountPercent: raw['discount-percent'] }),
    providerDiscounts: { ...raw.providers },
    serviceDiscounts: { ...raw.services },
    unitPrices: { ...raw['unit-prices'] },
    ...(commitment ? { commitment: { coveragePercent: commitment['coverage-percent'], discountPercent: commitment['discount-percent'] } } : {}),
  };
}

function mergeKubernetes(base: KubernetesSettings, layer: RawKubernetes | undefined): KubernetesSettings {
  return { nonProduction: [...(layer?.['non-production'] ?? base.nonProduction)], helmValues: [...(layer?.['helm-values'] ?? base.helmValues)] };
}

function mergeTerraform(base: TerraformSettings, layer: RawTerraform | undefined): TerraformSettings {
  return { varFiles: [...(layer?.['var-files'] ?? base.varFiles)] };
}

function mergeLimits(base: LimitsSettings, layer: RawLimits | undefined): LimitsSettings {
  return { maxFileBytes: layer?.['max-file-bytes'] ?? base.maxFileBytes };
}

/** A layer's `overrides` replace the list below whole. */
function readOverrides(entries: readonly RawOverride[]): PathOverride[] {
  return entries.map((entry) => ({
    paths: [...entry.paths],
    levels: Object.fromEntries(Object.entries(entry.rules ?? {}).map(([id, rule]) => [id, typeof rule === 'string' ? rule : rule.level])),
    ...(entry.budgets ? { budget: { ...entry.budgets } } : {}),
  }));
}

/** Lays one config file over an already resolved base (a preset). The base is not modified. */
export function mergeConfig(base: ResolvedConfig, layer: RawConfig, source: string, preset: PresetName): ResolvedConfig {
  const rules: Record<string, RuleSettings> = structuredClone(base.rules);
  for (const [id, rule] of Object.entries(layer.rules ?? {})) rules[id] = mergeRule(id, base.rules[id], rule);
  const overrides = layer.overrides ? readOverrides(layer.overrides) : base.overrides;
  return {
    source,
    preset,
    failOn: layer['fail-on'] ?? base.failOn,
    judge: layer.judge ?? base.judge,
    policyFrom: layer['policy-from'] ?? base.policyFrom,
    paths: [...(layer.paths ?? base.paths)],
    ignore: [...(layer.ignore ?? base.ignore)],
    policies: [...(layer.policies ?? base.policies)],
    rules,
    overrides,
    cost: mergeCost(base.cost, layer.cost),
    kubernetes: mergeKubernetes(base.kubernetes, layer.kubernetes),
    terraform: mergeTerraform(base.terraform, layer.terraform),
    limits: mergeLimits(base.limits, layer.limits),
  };
}
