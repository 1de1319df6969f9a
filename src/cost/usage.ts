import { parse } from 'yaml';

/**
 * Monthly usage for usage-based resources (`tollgate-usage.yml`), keyed by resource address:
 *
 *   version: 1
 *   resources:
 *     aws_lambda_function.api:
 *       monthly_requests: 2000000        # requests a month
 *       request_duration_ms: 120         # average duration
 *     aws_nat_gateway.main:
 *       monthly_data_processed_gb: 500
 *
 * Without an entry, a usage-based component shows its unit price and a zero quantity, never a guess.
 */
export interface UsageFile {
  resources: Record<string, Record<string, number>>;
}

export const EMPTY_USAGE: UsageFile = { resources: {} };

/** The keys each usage-based component reads, documented in docs/cost.md. */
export const USAGE_KEYS = [
  'monthly_requests',
  'request_duration_ms',
  'monthly_data_processed_gb',
  'storage_gb',
  'monthly_get_requests',
  'monthly_put_requests',
  'monthly_data_ingested_gb',
  'monthly_read_request_units',
  'monthly_write_request_units',
  'backup_storage_gb',
  'monthly_lcu',
  'concurrent_requests_per_instance',
  'instance_hrs',
  'monthly_job_executions',
  'average_task_execution_mins',
  'assigned_vms',
  'autopilot_vcpu_count',
  'autopilot_memory_gb',
  'autopilot_ephemeral_storage_gb',
  'active_secret_versions',
  'monthly_rotation_notifications',
  'monthly_inbound_data_processed_gb',
  'monthly_outbound_data_processed_gb',
  'monthly_data_transfer_gb',
  'p2s_connection',
  'monthly_pushes',
  'monthly_images_extracted',
  'monthly_outbound_gb',
  'monthly_rules_engine_requests',
  'monthly_ingress_events',
  'data_storage_gb',
  'monthly_io_requests',
  'monthly_cpu_credit_hrs',
  'monthly_build_mins',
  'monthly_rule_evaluations',
  'monthly_queries',
  'additional_domain_controllers',
  'shared_accounts',
  'editors_administrator_licenses',
  'viewer_licenses',
  'kinesis_processing_units',
  'durable_application_backup_gb',
  'monthly_additional_management_events',
  'monthly_data_events',
  'monthly_insight_events',
  'additional_workers',
  'additional_schedulers',
  'meta_database_gb',
  'instances',
  'request_size_kb',
  'http_subscriptions',
  'email_subscriptions',
  'kinesis_subscriptions',
  'mobile_push_subscriptions',
  'macos_subscriptions',
  'sms_subscriptions',
  'monthly_hrs',
] as const;

export type UsageKey = (typeof USAGE_KEYS)[number];

export interface UsageResult {
  usage: UsageFile;
  errors: string[];
}

/** Reads a usage file; a malformed entry is reported and skipped, the rest still applies. */
export function parseUsage(source: string, file: string): UsageResult {
  const errors: string[] = [];
  const resources: Record<string, Record<string, number>> = {};
  let document: unknown;
  try {
    document = parse(source, { maxAliasCount: 100 });
  } catch (error) {
    return { usage: EMPTY_USAGE, errors: [`${file}: not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : 'parse error'})`] };
  }
  if (document === null || document === undefined) return { usage: EMPTY_USAGE, errors };
  const root = typeof document === 'object' && !Array.isArray(document) ? (document as Record<string, unknown>) : {};
  // Infracost's usage file (`resource_usage:`) is read too, so a team moving over keeps its file.
  if (root.resources === undefined && root.resource_usage !== undefined) return parseInfracostUsage(root.resource_usage, file);
  const entries = root.resources;
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
    return { usage: EMPTY_USAGE, errors: [`${file}: expected a "resources" mapping of resource addresses to usage values`] };
  }
  const known = new Set<string>(USAGE_KEYS);
  for (const [address, values] of Object.entries(entries as Record<string, unknown>)) {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      errors.push(`${file}: resources.${address} must be a mapping of usage keys to numbers`);
      continue;
    }
    const usage: Record<string, number> = {};
    for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
      if (!known.has(key)) errors.push(`${file}: resources.${address}.${key} is not a usage key (known: ${USAGE_KEYS.join(', ')})`);
      else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) errors.push(`${file}: resources.${address}.${key} must be a non-negative number`);
      else usage[key] = value;
    }
    resources[address] = usage;
  }
  return { usage: { resources }, errors };
}

/**
 * An Infracost usage file's `resource_usage`: the keys tollgate reads (the same names) apply; its
 * other keys (per-resource quantities tollgate has no component for, nested blocks) are named once
 * in a single message instead of one error each, since the file was written for another tool.
 */
/** Infracost keys read under tollgate's name for the same quantity. */
const INFRACOST_KEY_ALIASES: ReadonlyMap<string, UsageKey> = new Map([
  ['average_request_duration_ms', 'request_duration_ms'],
  ['monthly_access_operations', 'monthly_requests'],
  ['monthly_ingress_data_gb', 'monthly_data_processed_gb'],
]);

function parseInfracostUsage(entries: unknown, file: string): UsageResult {
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return { usage: EMPTY_USAGE, errors: [`${file}: resource_usage must be a mapping of resource addresses to usage values`] };
  const known = new Set<string>(USAGE_KEYS);
  const unread = new Set<string>();
  const resources: Record<string, Record<string, number>> = {};
  for (const [address, values] of Object.entries(entries as Record<string, unknown>)) {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) continue;
    const usage: Record<string, number> = {};
    for (const [written, value] of Object.entries(values as Record<string, unknown>)) {
      const key = INFRACOST_KEY_ALIASES.get(written) ?? written;
      if (known.has(key) && typeof value === 'number' && Number.isFinite(value) && value >= 0) usage[key] = value;
      else unread.add(written);
    }
    resources[address] = usage;
  }
  const names = [...unread].sort();
  const errors = names.length === 0 ? [] : [`${file}: an Infracost usage file; ${names.length} of its keys are not tollgate usage keys and were not read (${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}); tollgate reads ${USAGE_KEYS.join(', ')}`];
  return { usage: { resources }, errors };
}

export function usageOf(usage: UsageFile, address: string, key: UsageKey): number | undefined {
  const entry = Object.prototype.hasOwnProperty.call(usage.resources, address) ? usage.resources[address] : undefined;
  return entry && Object.prototype.hasOwnProperty.call(entry, key) ? entry[key] : undefined;
}
