import type { Resource } from '../../iac/model.js';
import { usageOf } from '../usage.js';
import { amount, attributesOf, component, flag, HOURS_PER_MONTH, records, referenced, requiredText, text, Unpriced, usageComponent, type PriceContext, type Pricer } from '../pricing.js';
import { azureRegion, resourceGroupOf } from './azure.js';

/** Log alert rules bill by how often they run: every 1, 5, 10 or 15 minutes; a rule running less often than every 15 minutes bills at the 15-minute rate. */
const FREQUENCY_TIERS = [15, 10, 5, 1] as const;

/** An ISO 8601 duration (`PT5M`, `PT1H`, `P1D`) in minutes. */
function isoMinutes(duration: string): number {
  const parts = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/i.exec(duration);
  if (!parts || duration.length < 3) throw new Unpriced(`evaluation_frequency "${duration}" is not an ISO 8601 duration`);
  return Number(parts[1] ?? 0) * 1440 + Number(parts[2] ?? 0) * 60 + Number(parts[3] ?? 0);
}

/** The billing tier of a rule that runs every `minutes`: the tier at or below its interval (every 11 minutes bills as 10). */
function frequencyTier(minutes: number): number {
  return FREQUENCY_TIERS.find((tier) => minutes >= tier) ?? 1;
}

/**
 * `azurerm_monitor_scheduled_query_rules_alert_v2`: one log alert rule a month at its evaluation
 * frequency's rate. Rules with dimensions also bill each monitored time series beyond the first,
 * whose number depends on the data's dimension values: a unit price.
 */
export const scheduledQueryAlertV2Pricer: Pricer = {
  types: ['azurerm_monitor_scheduled_query_rules_alert_v2'],
  price(resource, context) {
    const tier = frequencyTier(isoMinutes(requiredText(attributesOf(resource).evaluation_frequency, 'evaluation_frequency')));
    const region = azureRegion(resource, context);
    const rule = `Log alerts monitoring (${tier} minute frequency)`;
    const series = `Additional time-series monitoring (${tier} minute frequency)`;
    const type = 'azurerm_monitor_scheduled_query_rules_alert_v2';
    return {
      components: [
        component(rule, 'rule', 1, context.unitPrice('azure', type, region, rule).usd),
        usageComponent(series, 'time-series', context.unitPrice('azure', type, region, series).usd, undefined),
      ],
    };
  },
};

/** `azurerm_monitor_scheduled_query_rules_alert` (the older resource): one rule a month at the rate of its `frequency` in minutes. */
export const scheduledQueryAlertPricer: Pricer = {
  types: ['azurerm_monitor_scheduled_query_rules_alert'],
  price(resource, context) {
    const minutes = Number(text(attributesOf(resource).frequency, 'frequency') ?? Number.NaN);
    if (!Number.isFinite(minutes) || minutes <= 0) throw new Unpriced('frequency is not a number of minutes');
    const rule = `Log alerts monitoring (${frequencyTier(minutes)} minute frequency)`;
    return { components: [component(rule, 'rule', 1, context.unitPrice('azure', 'azurerm_monitor_scheduled_query_rules_alert', azureRegion(resource, context), rule).usd)] };
  },
};

/**
 * Time series one criterion watches on each resource: the combinations of its dimensions' listed
 * values. Blocks naming the same dimension list values of one dimension (`ApiName` X in one block,
 * Y in another watch two series, as one block listing both would), so values are pooled by name
 * before the combinations are counted. A `*` value watches every value the data has, at least one:
 * counted as one, and `wildcard` says so.
 */
function criterionSeries(criterion: Record<string, unknown>): { series: number; wildcard: boolean } {
  const byName = new Map<string, Set<unknown>>();
  for (const dimension of records(criterion.dimension)) {
    const name = (text(dimension.name, 'dimension name') ?? '').toLowerCase();
    const values = byName.get(name) ?? new Set<unknown>();
    for (const value of Array.isArray(dimension.values) ? dimension.values : []) values.add(value);
    byName.set(name, values);
  }
  return [...byName.values()].reduce<{ series: number; wildcard: boolean }>(
    (sum, values) => (values.has('*') ? { series: sum.series, wildcard: true } : { series: sum.series * Math.max(values.size, 1), wildcard: sum.wildcard }),
    { series: 1, wildcard: false },
  );
}

/** The time series a set of criteria watches across `resources`. */
function seriesOf(criteria: Record<string, unknown>[], resources: number, context: PriceContext): number {
  return criteria.reduce((sum, criterion) => {
    const { series, wildcard } = criterionSeries(criterion);
    if (wildcard) context.addNote('a dimension matching * watches one time series per value the data has: counted as one');
    return sum + series * resources;
  }, 0);
}

/**
 * `azurerm_monitor_metric_alert`: each monitored time series a month — per resource in `scopes`,
 * each combination of a criterion's listed dimension values — plus, for dynamic thresholds, the
 * dynamic-threshold rate on those series. The rule has no location: its resource group's.
 */
export const metricAlertPricer: Pricer = {
  types: ['azurerm_monitor_metric_alert'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const scopes = Array.isArray(attributes.scopes) ? attributes.scopes.length : 1;
    const region = azureRegion(resource, context, resourceGroupOf(resource, context));
    const price = (name: string): number => context.unitPrice('azure', 'azurerm_monitor_metric_alert', region, name).usd;
    const staticCriteria = records(attributes.criteria);
    const dynamicCriteria = records(attributes.dynamic_criteria);
    const all = seriesOf([...staticCriteria, ...dynamicCriteria], scopes, context);
    const dynamic = seriesOf(dynamicCriteria, scopes, context);
    return {
      components: [
        component('Metrics monitoring', 'time-series', all, price('Metrics monitoring')),
        ...(dynamicCriteria.length > 0 ? [component('Dynamic threshold monitoring', 'time-series', dynamic, price('Dynamic threshold monitoring'))] : []),
      ],
    };
  },
};

/** `azurerm_automation_watcher`: the watcher by the hour, in its automation account's location. */
export const automationWatcherPricer: Pricer = {
  types: ['azurerm_automation_watcher'],
  price(resource, context) {
    const account = referenced(attributesOf(resource).automation_account_id, resource, context, ['azurerm_automation_account']);
    const hourly = context.unitPrice('azure', 'azurerm_automation_watcher', azureRegion(resource, context, account), 'Watcher').usd;
    return { components: [component('Watcher', 'hours', HOURS_PER_MONTH, hourly)] };
  },
};

/** Days in the month every figure assumes (730 hours). */
const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

/** Interactive data is retained 31 days at no charge in a Log Analytics workspace, 90 days for Application Insights. */
const FREE_WORKSPACE_RETENTION_DAYS = 31;
const FREE_INSIGHTS_RETENTION_DAYS = 90;

/** Legacy workspace tiers (before April 2018) whose rates the data does not have. */
const LEGACY_WORKSPACE_SKUS = ['standalone', 'pernode', 'standard', 'premium', 'unlimited'];

/** Whether Microsoft Sentinel is enabled on the workspace: a Sentinel resource or the SecurityInsights solution in the change points at it. */
function sentinelOn(workspace: Resource, context: PriceContext): boolean {
  return context.siblings.some((sibling) => {
    const attributes = attributesOf(sibling);
    const sentinel = sibling.type.startsWith('azurerm_sentinel_') || (sibling.type === 'azurerm_log_analytics_solution' && attributes.solution_name === 'SecurityInsights');
    const reference = attributes.log_analytics_workspace_id ?? attributes.workspace_resource_id ?? attributes.workspace_id;
    return sentinel && referenced(reference, sibling, context, ['azurerm_log_analytics_workspace'])?.address === workspace.address;
  });
}

/**
 * `azurerm_log_analytics_workspace`: `sku = "CapacityReservation"` commits to
 * `reservation_capacity_in_gb_per_day` GB a day, billed by the day whatever is ingested (the data
 * has the 100 GB tier). Pay-as-you-go (`PerGB2018`, the default) bills each GB ingested (usage,
 * `monthly_data_ingested_gb`) and each GB retained beyond 31 days (`retention_in_days`). With
 * Microsoft Sentinel on the workspace its analysis bills alike: the same commitment tier a day,
 * or per GB. Free costs nothing; the legacy tiers have no price in the data.
 */
export const logAnalyticsWorkspacePricer: Pricer = {
  types: ['azurerm_log_analytics_workspace'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const sku = (text(attributes.sku, 'sku') ?? 'PerGB2018').toLowerCase();
    if (sku === 'free') return 'free';
    if (LEGACY_WORKSPACE_SKUS.includes(sku)) throw new Unpriced(`the legacy ${text(attributes.sku, 'sku') ?? sku} tier has no price in the data`);
    const region = azureRegion(resource, context);
    const price = (name: string, unit?: string): number => context.unitPrice('azure', 'azurerm_log_analytics_workspace', region, name, unit).usd;
    const sentinel = sentinelOn(resource, context);
    const ingested = usageOf(context.usage, resource.address, 'monthly_data_ingested_gb');
    const retention = amount(attributes.retention_in_days, 'retention_in_days') ?? FREE_WORKSPACE_RETENTION_DAYS;
    const retained = retention > FREE_WORKSPACE_RETENTION_DAYS ? [usageComponent('Log data retention', 'GB', price('Log data retention', 'GB'), undefined)] : [];
    if (sku === 'capacityreservation') {
      const capacity = amount(attributes.reservation_capacity_in_gb_per_day, 'reservation_capacity_in_gb_per_day');
      if (capacity === undefined) throw new Unpriced('reservation_capacity_in_gb_per_day is not set, so the commitment tier is not known');
      const unit = `${capacity} GB (per day)`;
      const tier = (name: string): number => context.regional(region, `the ${capacity} GB/day ${name} commitment tier`, (where) => context.catalog.component('azure', 'azurerm_log_analytics_workspace', where, name, unit)?.usd);
      return {
        components: [
          component(`Log data ingestion (${capacity} GB/day)`, 'days', DAYS_PER_MONTH, tier('Log data ingestion')),
          ...(sentinel ? [component(`Sentinel data ingestion (${capacity} GB/day)`, 'days', DAYS_PER_MONTH, tier('Sentinel data ingestion'))] : []),
          ...retained,
        ],
      };
    }
    if (sku !== 'pergb2018') throw new Unpriced(`the ${text(attributes.sku, 'sku') ?? sku} tier has no price in the data`);
    return {
      components: [
        usageComponent('Log data ingestion', 'GB', price('Log data ingestion', 'GB'), ingested),
        ...(sentinel ? [usageComponent('Sentinel data ingestion', 'GB', price('Sentinel data ingestion', 'GB'), ingested)] : []),
        ...retained,
      ],
    };
  },
};

/**
 * `azurerm_application_insights`: each GB ingested (usage, `monthly_data_ingested_gb`), and with
 * `retention_in_days` beyond the 90 included, each GB kept longer (the month's ingestion, usage).
 */
export const applicationInsightsPricer: Pricer = {
  types: ['azurerm_application_insights'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = azureRegion(resource, context);
    const ingested = usageOf(context.usage, resource.address, 'monthly_data_ingested_gb');
    const ingestion = context.unitPrice('azure', 'azurerm_application_insights', region, 'Data ingested').usd;
    const retention = amount(attributes.retention_in_days, 'retention_in_days') ?? FREE_INSIGHTS_RETENTION_DAYS;
    if (retention <= FREE_INSIGHTS_RETENTION_DAYS) return { components: [usageComponent('Data ingested', 'GB', ingestion, ingested)] };
    const name = `Data retention (${retention} days)`;
    const kept = context.regional(region, `Application Insights retention of ${retention} days`, (where) => context.catalog.component('azure', 'azurerm_application_insights', where, name)?.usd);
    return { components: [usageComponent('Data ingested', 'GB', ingestion, ingested), usageComponent(name, 'GB', kept, ingested)] };
  },
};

/** Standard web tests run every 300 seconds unless `frequency` says 600 or 900. */
const DEFAULT_WEB_TEST_FREQUENCY = 300;

/**
 * `azurerm_application_insights_standard_web_test`: each execution, from every `geo_locations`
 * entry, every `frequency` seconds; a disabled test runs none.
 */
export const standardWebTestPricer: Pricer = {
  types: ['azurerm_application_insights_standard_web_test'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    if (flag(attributes.enabled, 'enabled') === false) return 'free';
    const frequency = amount(attributes.frequency, 'frequency') ?? DEFAULT_WEB_TEST_FREQUENCY;
    const listed = Array.isArray(attributes.geo_locations) ? attributes.geo_locations.length : undefined;
    if (listed === undefined) context.addNote('its geo_locations are not known before apply; priced as run from one location');
    const locations = Math.max(1, listed ?? 1);
    const name = `Standard web test (${frequency} second frequency)`;
    const each = context.unitPrice('azure', 'azurerm_application_insights_standard_web_test', azureRegion(resource, context), name).usd;
    return { components: [component(name, 'tests', ((HOURS_PER_MONTH * 3600) / frequency) * locations, each)] };
  },
};

/** `azurerm_application_insights_web_test` (classic): a multi-step test a month; URL ping tests cost nothing. */
export const classicWebTestPricer: Pricer = {
  types: ['azurerm_application_insights_web_test'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    if (requiredText(attributes.kind, 'kind').toLowerCase() !== 'multistep' || flag(attributes.enabled, 'enabled') === false) return 'free';
    const monthly = context.unitPrice('azure', 'azurerm_application_insights_web_test', azureRegion(resource, context), 'Multi-step web test').usd;
    return { components: [component('Multi-step web test', 'tests', 1, monthly)] };
  },
};
