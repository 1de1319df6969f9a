import type { ChangedFile } from '../changes/model.js';
import type { ResolvedConfig } from '../config/model.js';
import { runGate } from '../gate.js';
import type { CustomPolicy, PolicyExample } from './file.js';

/** An example as a file to gate: its name picks the parser. */
export interface ExampleFile {
  name: string;
  content: string;
}

/** Where an example file beside a policy file is, and its text; or why it cannot be read. */
export type ReadExample = (policyFile: string, file: string) => { name: string; content: string } | { error: string };

export interface ExampleResult {
  policy: string;
  file: string;
  line: number;
  expected: 'pass' | 'fail';
  /** Which example of its list (1-based), and what it is (a file name, or "inline"). */
  index: number;
  label: string;
  ok: boolean;
  /** Why it did not come out as expected, or what it found, for the report. */
  detail: string;
}

function exampleFile(example: PolicyExample, policy: CustomPolicy, read: ReadExample): ExampleFile | { error: string } {
  if (typeof example === 'string') return { name: 'example.yaml', content: example };
  if ('file' in example) return read(policy.file, example.file);
  return { name: example.name, content: example.content };
}

/** `config` with every built-in rule off but parse-error: only the policy speaks, and an example that does not parse says so. */
export function examplesConfig(config: ResolvedConfig): ResolvedConfig {
  return { ...config, rules: Object.fromEntries(Object.entries(config.rules).map(([id, rule]) => [id, { ...rule, level: id === 'parse-error' ? 'error' : 'off' }])) };
}

/**
 * Runs each policy alone on each of its examples, as the gate would on a pull request that adds
 * the example: a `pass` example must give no finding of the policy, a `fail` one at least one.
 * `config` is examplesConfig's.
 */
export function testPolicyExamples(policies: readonly CustomPolicy[], config: ResolvedConfig, read: ReadExample): ExampleResult[] {
  const results: ExampleResult[] = [];
  for (const policy of policies) {
    for (const expected of ['pass', 'fail'] as const) {
      policy.examples[expected].forEach((example, position) => {
        const label = typeof example === 'string' ? 'inline' : 'file' in example ? example.file : example.name;
        const base = { policy: policy.id, file: policy.file, line: policy.line, expected, index: position + 1, label };
        const file = exampleFile(example, policy, read);
        if ('error' in file) {
          results.push({ ...base, ok: false, detail: file.error });
          return;
        }
        const change: ChangedFile = { path: file.name, status: 'added', after: file.content };
        const report = runGate({ config, changes: { source: 'directories', baseRef: 'example', headRef: 'example', files: [change], notices: [] }, policies: [policy] });
        const findings = report.findings.filter((finding) => finding.ruleId === policy.id);
        const problems = [...report.findings.filter((finding) => finding.ruleId === 'parse-error').map((finding) => finding.message), ...report.checks.filter((check) => check.ruleId === policy.id && check.status === 'skipped').map((check) => check.skippedReason ?? 'skipped')];
        const ok = problems.length === 0 && (expected === 'pass' ? findings.length === 0 : findings.length > 0);
        const detail =
          problems.length > 0 ? problems.join('; ') : findings.length > 0 ? findings.map((finding) => `line ${finding.line ?? '?'}: ${finding.message}`).join('; ') : 'no finding';
        results.push({ ...base, ok, detail });
      });
    }
  }
  return results;
}
