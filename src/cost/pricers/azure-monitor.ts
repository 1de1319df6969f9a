import { attributesOf, component, HOURS_PER_MONTH, records, referenced, requiredText, text, Unpriced, usageComponent, type PriceContext, type Pricer } from '../pricing.js';
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
