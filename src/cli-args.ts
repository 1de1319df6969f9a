import { parseArgs } from 'node:util';
import { PIPELINE_INPUTS, type PipelineInput } from './changes/pipeline-files.js';
import type { FailOn, JudgeScope, PolicySide } from './config/model.js';

export type OutputFormat = 'text' | 'markdown' | 'json' | 'sarif';

const COMMAND_WORDS = ['check', 'demo', 'init', 'policy', 'config', 'rules', 'explain'] as const;

function isCommandWord(word: string): word is (typeof COMMAND_WORDS)[number] {
  return (COMMAND_WORDS as readonly string[]).includes(word);
}

export interface CliSettings {
  command: 'check' | 'demo' | 'init' | 'policy-test' | 'config-print' | 'rules' | 'explain' | 'help' | 'version';
  /** `tollgate explain ID`: the rule (or pack policy) whose page to print. */
  ruleId?: string;
  /** `tollgate policy test FILE…`: policy files (or `pack:NAME`) to test; empty: the config's `policies`. */
  policyFiles?: string[];
  base: string;
  head: string;
  /** Set only when the user named a config file: then a missing file is an error, not the default preset. */
  config?: string;
  format: OutputFormat;
  failOn?: FailOn;
  judge?: JudgeScope;
  policyFrom?: PolicySide;
  output?: string;
  color: boolean;
  /** Pull request metadata for a local run on git refs: the hygiene rules read these. */
  title?: string;
  body?: string;
  branch?: string;
  /** A usage file (`tollgate-usage.yml`) with monthly quantities for usage-based resources. */
  usage?: string;
  /** Files earlier steps produced (`--terraform-plan`, `--cdk-synth`, …), by input. */
  pipeline: PipelineInput[];
  /** `tollgate init`: the repository's directory (default: the working directory), and whether to replace existing files. */
  dir?: string;
  force?: boolean;
}

export const USAGE = `Usage: tollgate [check] [options]
       tollgate demo [--format FORMAT]
       tollgate init [--dir DIR] [--force]
       tollgate policy test [FILE | pack:NAME ...] [--config FILE]
       tollgate config print [--config FILE]
       tollgate rules [--format text|json]
       tollgate explain RULE

Gate a change to infrastructure code: cost delta, deployment safety and change hygiene.

Commands:
  check               compare --base with --head (the default command)
  demo                run the gate on the bundled example pull request
  init                write .github/workflows/tollgate.yml and a .github/tollgate.yml for the
                      Terraform roots, charts, kustomizations, manifests and CloudFormation
                      templates found in the repository of --dir (default: the working
                      directory); an existing file is kept unless --force is given
  policy test         run each custom policy on its examples (pass: no finding, fail: one
                      or more); default: the policy files the config lists (docs/policies.md)
  config print        print every setting of the configuration in the working tree, after
                      presets and extends, with the file (or preset) each one comes from
  rules               list every rule: its area, default severity and the presets that run it
  explain RULE        print a rule's page: what it checks, why, how to fix and suppress it

Options:
  --base REF|DIR      base git ref, or a directory (default: origin/HEAD)
  --head REF|DIR      head git ref, or a directory (default: HEAD)
                      when --head is a directory both sides are read as directories;
                      a missing or empty base directory means every file is added
  --config FILE       config file (default: .github/tollgate.yml, else the default preset);
                      read on the base side and the head side when it is in the repository
  --format FORMAT     text | markdown | json | sarif (default: text)
  --fail-on LEVEL     error | warning | never (default: from config, else error)
  --judge SCOPE       new: only findings the change introduces decide the verdict;
                      all: every finding on what it touches (default: from config, else new)
  --policy-from SIDE  base: the --base side's config judges, the head's is shown as a proposal;
                      head: the head's own config judges (default: from the base config, else base)
  --output FILE       write the report to FILE instead of standard output
  --title TEXT        pull request title to check (default: the newest commit's subject)
  --body TEXT         pull request description to check (default: none, the rule is skipped)
  --branch NAME       head branch name to check (default: the --head ref's branch)
  --usage FILE        monthly usage of usage-based resources (requests, GB), keyed by
                      resource address (tollgate-usage.yml; see docs/cost.md)
  --terraform-plan GLOB  plan JSON from \`terraform show -json plan.out\`, one per root; the
                      plan's root is judged and priced from it (repeatable; docs/pipeline.md)
  --cdk-synth DIR|GLOB   templates \`cdk synth\` wrote for the head (cdk.out); with
  --cdk-synth-base DIR|GLOB  the same for the base, to judge and price the difference
  --pulumi-preview FILE  \`pulumi preview --json\` output (repeatable)
  --dir DIR           init: the repository to set up (default: the working directory)
  --force             init: overwrite the two files when they exist
  --no-color          plain text even on a terminal
  -h, --help          show this help
  -v, --version       show the version

Exit codes: 0 pass or warn, 1 fail, 2 usage or config error.`;

const FORMATS: readonly OutputFormat[] = ['text', 'markdown', 'json', 'sarif'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];
const JUDGE: readonly JudgeScope[] = ['new', 'all'];
const POLICY_FROM: readonly PolicySide[] = ['base', 'head'];

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | { error: string } | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  return { error: `${flag}: "${value}" is not allowed; use one of: ${allowed.join(', ')}` };
}

/** `colorAllowed`: standard output is a terminal and NO_COLOR is unset (decided by the caller, which owns the environment). */
export function parseCliArgs(argv: readonly string[], colorAllowed: boolean): CliSettings | { error: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        base: { type: 'string' },
        head: { type: 'string' },
        config: { type: 'string' },
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        judge: { type: 'string' },
        'policy-from': { type: 'string' },
        output: { type: 'string' },
        title: { type: 'string' },
        body: { type: 'string' },
        branch: { type: 'string' },
        usage: { type: 'string' },
        ...Object.fromEntries(PIPELINE_INPUTS.map((input) => [input.name, { type: 'string' as const, multiple: true as const }])),
        dir: { type: 'string' },
        force: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  const word = positionals[0] ?? 'check';
  if (word === 'policy' && positionals[1] !== 'test') return { error: `unknown command "policy ${positionals[1] ?? ''}"; use policy test` };
  if (word === 'config' && positionals[1] !== 'print') return { error: `unknown command "config ${positionals[1] ?? ''}"; use config print` };
  if (word === 'explain' && positionals[1] === undefined) return { error: 'explain needs a rule id, as in: tollgate explain k8s-image-tag (tollgate rules lists them)' };
  const extra = positionals[word === 'config' || word === 'explain' ? 2 : 1];
  if (word !== 'policy' && extra !== undefined) return { error: `unexpected argument "${extra}"` };
  if (!isCommandWord(word)) return { error: `unknown command "${word}"; use check, demo, init, policy test, config print, rules or explain` };
  const format = oneOf(values.format, FORMATS, '--format') ?? 'text';
  if (typeof format === 'object') return format;
  const failOn = oneOf(values['fail-on'], FAIL_ON, '--fail-on');
  if (typeof failOn === 'object') return failOn;
  const judge = oneOf(values.judge, JUDGE, '--judge');
  if (typeof judge === 'object') return judge;
  const policyFrom = oneOf(values['policy-from'], POLICY_FROM, '--policy-from');
  if (typeof policyFrom === 'object') return policyFrom;
  const command = values.help ? 'help' : values.version ? 'version' : word === 'policy' ? 'policy-test' : word === 'config' ? 'config-print' : word;
  return {
    command,
    ...(command === 'policy-test' ? { policyFiles: positionals.slice(2) } : {}),
    ...(command === 'explain' && positionals[1] !== undefined ? { ruleId: positionals[1] } : {}),
    base: values.base ?? 'origin/HEAD',
    head: values.head ?? 'HEAD',
    format,
    color: colorAllowed && !values['no-color'] && values.output === undefined,
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(failOn !== undefined ? { failOn } : {}),
    ...(judge !== undefined ? { judge } : {}),
    ...(policyFrom !== undefined ? { policyFrom } : {}),
    ...(values.output !== undefined ? { output: values.output } : {}),
    ...(values.title !== undefined ? { title: values.title } : {}),
    ...(values.body !== undefined ? { body: values.body } : {}),
    ...(values.branch !== undefined ? { branch: values.branch } : {}),
    ...(values.usage !== undefined ? { usage: values.usage } : {}),
    ...(values.dir !== undefined ? { dir: values.dir } : {}),
    ...(values.force ? { force: true } : {}),
    pipeline: PIPELINE_INPUTS.flatMap((input) => {
      const globs: unknown = (values as Record<string, unknown>)[input.name];
      return Array.isArray(globs) && globs.length > 0 ? [{ ...input, name: `--${input.name}`, globs: globs.map(String) }] : [];
    }),
  };
}
