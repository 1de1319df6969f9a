import { amount, attributesOf, flag, HOURS_PER_MONTH, records, text, Unpriced, type Pricer } from '../pricing.js';
import { flat } from './aws-services.js';
import { usageOf, type UsageKey } from '../usage.js';
import { rowComponent, rowHours, rowOnUse, rowTiers, type Tier } from './aws-rows.js';

/** Periods under a minute make an alarm high-resolution. */
const HIGH_RESOLUTION_BELOW_SECONDS = 60;
/** AWS bills an anomaly detection alarm as three metrics per metric: the metric and the band's upper and lower bounds. */
const ANOMALY_BAND_METRICS = 3;

interface AlarmShape {
  metrics: number;
  periods: number[];
  anomalyDetection: boolean;
}

/** What an alarm watches: one metric with its period, or the metrics (not expressions) of its metric queries. */
function alarmShape(attributes: Record<string, unknown>): AlarmShape {
  const queries = records(attributes.metric_query ?? attributes.Metrics);
  if (queries.length === 0) {
    const period = amount(attributes.period ?? attributes.Period, 'period');
    return { metrics: 1, periods: period === undefined ? [] : [period], anomalyDetection: false };
  }
  const metrics = queries.flatMap((query) => records(query.metric ?? query.MetricStat));
  const periods = metrics.flatMap((metric) => {
    const period = amount(metric.period ?? metric.Period, 'metric period');
    return period === undefined ? [] : [period];
  });
  const anomalyDetection = queries.some((query) => /ANOMALY_DETECTION_BAND/i.test(text(query.expression ?? query.Expression, 'metric expression') ?? ''));
  return { metrics: metrics.length, periods, anomalyDetection };
}

/** `aws_cloudwatch_metric_alarm`, `AWS::CloudWatch::Alarm`: a monthly fee per alarm metric, standard or high resolution (three per metric for anomaly detection). */
export const metricAlarmPricer: Pricer = {
  types: ['aws_cloudwatch_metric_alarm', 'AWS::CloudWatch::Alarm'],
  price(resource, context) {
    const shape = alarmShape(attributesOf(resource));
    if (shape.metrics === 0) throw new Unpriced('the alarm watches no metric');
    const high = shape.periods.some((period) => period < HIGH_RESOLUTION_BELOW_SECONDS);
    const row = high ? 'High resolution' : 'Standard resolution';
    const count = shape.metrics * (shape.anomalyDetection ? ANOMALY_BAND_METRICS : 1);
    return { components: [rowComponent(resource, context, 'aws_cloudwatch_metric_alarm', row, count, `${row} × ${count} alarm metrics`)] };
  },
};

export const dashboardPricer = flat(['aws_cloudwatch_dashboard', 'AWS::CloudWatch::Dashboard'], 'aws_cloudwatch_dashboard', 'Dashboard', 'months');

/**
 * `aws_grafana_workspace`, `AWS::Grafana::Workspace`: licences per active user a month. A
 * workspace has at least its administrator, priced as one editor licence (noted, approximate)
 * unless the usage file counts editors (`editors_administrator_licenses`); viewers on use
 * (`viewer_licenses`).
 */
export const grafanaWorkspacePricer: Pricer = {
  types: ['aws_grafana_workspace', 'AWS::Grafana::Workspace'],
  price(resource, context) {
    const editors = usageOf(context.usage, resource.address, 'editors_administrator_licenses');
    if (editors === undefined) {
      context.approximate = true;
      context.addNote('one editor/administrator licence assumed; each further active user is billed per month');
    }
    return {
      components: [
        rowComponent(resource, context, 'aws_grafana_workspace', 'Editor/administrator licenses', editors ?? 1, `Editor/administrator licence × ${editors ?? 1}`),
        rowOnUse(resource, context, 'aws_grafana_workspace', 'Viewer licenses', usageOf(context.usage, resource.address, 'viewer_licenses')),
      ],
    };
  },
};

/** An average count running all month, in hours. */
function hoursOf(count: number | undefined): number | undefined {
  return count === undefined ? undefined : count * HOURS_PER_MONTH;
}

/** `mw1.small` → `Small`, the data's size names. */
function environmentSize(environmentClass: string): string {
  const size = environmentClass.toLowerCase().replace(/^mw1\./, '');
  return size.charAt(0).toUpperCase() + size.slice(1);
}

/**
 * `aws_mwaa_environment`, `AWS::MWAA::Environment`: environment hours by class (the base
 * workers and schedulers included); additional workers and schedulers, which autoscale, and the
 * meta database are billed on use (`additional_workers` and `additional_schedulers`, the average
 * running all month; `meta_database_gb`).
 */
export const mwaaEnvironmentPricer: Pricer = {
  types: ['aws_mwaa_environment', 'AWS::MWAA::Environment'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    // Terraform and the MWAA API create an mw1.small environment when no class is given.
    const size = environmentSize(text(attributes.environment_class ?? attributes.EnvironmentClass, 'environment class') ?? 'mw1.small');
    return {
      components: [
        rowHours(resource, context, 'aws_mwaa_environment', `Environment (${size})`),
        rowOnUse(resource, context, 'aws_mwaa_environment', `Worker (${size})`, hoursOf(usageOf(context.usage, resource.address, 'additional_workers'))),
        rowOnUse(resource, context, 'aws_mwaa_environment', `Scheduler (${size})`, hoursOf(usageOf(context.usage, resource.address, 'additional_schedulers'))),
        rowOnUse(resource, context, 'aws_mwaa_environment', 'Meta database', usageOf(context.usage, resource.address, 'meta_database_gb')),
      ],
    };
  },
};

/** The API Gateway default cache size, in GB, when caching is on and no size is given. */
const DEFAULT_CACHE_GB = 0.5;

/** `aws_api_gateway_stage`, `AWS::ApiGateway::Stage`: cache hours by cache size when the stage caches; otherwise free (requests are billed on the API). */
export const apiGatewayStagePricer: Pricer = {
  types: ['aws_api_gateway_stage', 'AWS::ApiGateway::Stage'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    if (flag(attributes.cache_cluster_enabled ?? attributes.CacheClusterEnabled, 'cache_cluster_enabled') !== true) return 'free';
    const size = amount(attributes.cache_cluster_size ?? attributes.CacheClusterSize, 'cache size') ?? DEFAULT_CACHE_GB;
    return { components: [rowHours(resource, context, 'aws_api_gateway_stage', `Cache memory (${size} GB)`)] };
  },
};

/**
 * `aws_cloudtrail`, `AWS::CloudTrail::Trail`: billed per event delivered, on use. The first copy
 * of management events is free; whether this trail is a further copy depends on the account's
 * other trails, so management events are shown at the additional-copy rate unless its selectors
 * exclude them. Insight events only with an insight selector. Event counts from the usage file
 * (`monthly_additional_management_events`, `monthly_data_events`, `monthly_insight_events`).
 */
export const cloudTrailPricer: Pricer = {
  types: ['aws_cloudtrail', 'AWS::CloudTrail::Trail'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const selectors = records(attributes.event_selector ?? attributes.EventSelectors);
    const management = selectors.length === 0 || selectors.some((selector) => flag(selector.include_management_events ?? selector.IncludeManagementEvents, 'include_management_events') !== false);
    const insights = records(attributes.insight_selector ?? attributes.InsightSelectors).length > 0;
    const events = (key: UsageKey) => {
      const count = usageOf(context.usage, resource.address, key);
      return count === undefined ? undefined : count / 100_000;
    };
    return {
      components: [
        ...(management ? [rowOnUse(resource, context, 'aws_cloudtrail', 'Management events (additional copies)', events('monthly_additional_management_events'))] : []),
        rowOnUse(resource, context, 'aws_cloudtrail', 'Data events', events('monthly_data_events')),
        ...(insights ? [rowOnUse(resource, context, 'aws_cloudtrail', 'Insight events', events('monthly_insight_events'))] : []),
      ],
    };
  },
};

/** `BUILD_GENERAL1_MEDIUM` → `general1.medium`, the data's compute names; the environment type gives the OS. */
function buildComputeRow(environment: Record<string, unknown>): string {
  const computeType = text(environment.compute_type ?? environment.ComputeType, 'compute type');
  if (computeType === undefined) throw new Unpriced('the build environment has no compute type');
  const environmentType = text(environment.type ?? environment.Type, 'environment type') ?? '';
  const os = environmentType.startsWith('WINDOWS') ? 'Windows' : 'Linux';
  return `${os} (${computeType.toLowerCase().replace(/^build_/, '').replace('_', '.')})`;
}

/** `aws_codebuild_project`, `AWS::CodeBuild::Project`: build minutes by OS and compute type, on use (`monthly_build_mins`). */
export const codebuildProjectPricer: Pricer = {
  types: ['aws_codebuild_project', 'AWS::CodeBuild::Project'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const environment = records(attributes.environment ?? attributes.Environment)[0];
    if (!environment) throw new Unpriced('the project has no build environment');
    return { components: [rowOnUse(resource, context, 'aws_codebuild_project', buildComputeRow(environment), usageOf(context.usage, resource.address, 'monthly_build_mins'))] };
  },
};

/** Config rule evaluations a month, in AWS's graduated tiers. */
const RULE_EVALUATION_TIERS: readonly Tier[] = [
  { row: 'Rule evaluations (first 100K)', size: 100_000 },
  { row: 'Rule evaluations (next 400K)', size: 400_000 },
  { row: 'Rule evaluations (over 500K)', size: Infinity },
];

/** AWS Config rules are billed per evaluation, on use (`monthly_rule_evaluations`), in tiers. */
function configRule(types: readonly string[], dataType: string): Pricer {
  return {
    types,
    price(resource, context) {
      return { components: rowTiers(resource, context, dataType, RULE_EVALUATION_TIERS, usageOf(context.usage, resource.address, 'monthly_rule_evaluations')) };
    },
  };
}

export const configRulePricer = configRule(['aws_config_config_rule', 'AWS::Config::ConfigRule'], 'aws_config_config_rule');
export const configOrganizationCustomRulePricer = configRule(['aws_config_organization_custom_rule'], 'aws_config_organization_custom_rule');
export const configOrganizationManagedRulePricer = configRule(['aws_config_organization_managed_rule'], 'aws_config_organization_managed_rule');

/** `aws_ssm_activation`: on-premises instances registered at the advanced tier are billed per instance-hour, on use (`instances`, managed all month). */
export const ssmActivationPricer: Pricer = {
  types: ['aws_ssm_activation'],
  price(resource, context) {
    return { components: [rowOnUse(resource, context, 'aws_ssm_activation', 'On-prem managed instances (advanced)', hoursOf(usageOf(context.usage, resource.address, 'instances')))] };
  },
};
