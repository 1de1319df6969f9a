import type { ChangedFile, ChangeSet } from './changes/model.js';
import { RULES } from './checks/registry.js';
import type { Finding } from './checks/model.js';
import type { ResolvedConfig, RuleSettings } from './config/model.js';

/** A config with every rule at its default level, built without the loader so stage tests stay plain. */
export function plainConfig(overrides: Partial<ResolvedConfig> & { ruleSettings?: Record<string, Partial<RuleSettings>> } = {}): ResolvedConfig {
  const { ruleSettings = {}, ...rest } = overrides;
  const rules: Record<string, RuleSettings> = {};
  for (const rule of RULES) rules[rule.id] = { level: rule.severity, options: {} };
  for (const [id, settings] of Object.entries(ruleSettings)) rules[id] = { level: 'warning', options: {}, ...rules[id], ...settings };
  return {
    source: 'test',
    preset: 'default',
    failOn: 'error',
    judge: 'new',
    policyFrom: 'base',
    paths: [],
    ignore: [],
    policies: [],
    rules,
    overrides: [],
    cost: { region: 'us-east-1', kubernetesRates: {} },
    kubernetes: { nonProduction: ['dev', 'test', 'staging', 'preview', 'sandbox', 'example', 'examples'], helmValues: [] },
    terraform: { varFiles: [] },
    limits: { maxFileBytes: 2 * 1024 * 1024 },
    ...rest,
  };
}

export function changeSet(files: ChangedFile[]): ChangeSet {
  return { source: 'directories', baseRef: 'base', headRef: 'head', files, notices: [] };
}

export function finding(overrides: Partial<Finding> = {}): Finding {
  return { ruleId: 'parse-error', category: 'hygiene', severity: 'error', message: 'm', fix: 'f', suppressed: false, status: 'new', fingerprint: '0'.repeat(32), ...overrides };
}
