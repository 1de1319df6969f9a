import { attributesOf, component, requiredText, text, Unpriced, usageComponent, type Pricer } from '../pricing.js';
import { azureRegion } from './azure.js';

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
