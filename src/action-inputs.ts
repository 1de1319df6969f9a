import { resolve } from 'node:path';
import { inputValue, maskSecret } from './github/runner.js';
import { PIPELINE_INPUTS, type PipelineInput } from './changes/pipeline-files.js';
import type { FailOn, JudgeScope, PolicySide } from './config/model.js';
import { COMMENT_MODES, type CommentMode } from './github/comment.js';

export const DEFAULT_CONFIG_PATH = '.github/tollgate.yml';
export const DEFAULT_COMMENT_MODE: CommentMode = 'update';
const FAIL_ON_VALUES: readonly FailOn[] = ['error', 'warning', 'never'];
const JUDGE_VALUES: readonly JudgeScope[] = ['new', 'all'];
const POLICY_FROM_VALUES: readonly PolicySide[] = ['base', 'head'];
const TRUE_VALUES = ['true', 'True', 'TRUE'];
const FALSE_VALUES = ['false', 'False', 'FALSE'];

/** Every action input, read and checked once; the rest of the action sees only this. */
export interface ActionSettings {
  /**
   * Absent when the input is empty: the run then calls no GitHub API (changes from the git
   * checkout; verdict in the job summary, annotations, outputs and exit code), like the CLI.
   */
  token?: string;
  configPath: string;
  /** Overrides the config file's `failOn` when set. */
  failOn?: FailOn;
  /** Overrides the config file's `judge` when set. */
  judge?: JudgeScope;
  /** Overrides the base config's `policy-from` when set. */
  policyFrom?: PolicySide;
  comment: CommentMode;
  annotations: boolean;
  /** `GITHUB_WORKSPACE`: the repository root, which annotation paths are relative to. */
  workspace: string;
  /** Absolute: inputs relative to the workspace are resolved against it. */
  workingDirectory: string;
  /** Overrides the base of the comparison (a ref or SHA); the pull request's base SHA otherwise. */
  baseRef?: string;
  /** Files earlier steps produced (`terraform-plan`, `cdk-synth`, …), by input; globs relative to the working directory. */
  pipeline: PipelineInput[];
}

/** One glob per line or comma, as a workflow writes a list in a string input. */
function globList(value: string): string[] {
  return value.split(/[\n,]/).map((glob) => glob.trim()).filter((glob) => glob !== '');
}

/** An input with a value the action cannot use; the message names the input, the value and the choices. */
export class InputError extends Error {
  override name = 'InputError';
}

export type InputReader = (name: string) => string;

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const match = allowed.find((choice) => choice === value);
  if (match === undefined) {
    throw new InputError(`input "${name}" must be one of ${allowed.join(', ')}; got "${value}"`);
  }
  return match;
}

function booleanInput(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (TRUE_VALUES.includes(value)) return true;
  if (FALSE_VALUES.includes(value)) return false;
  throw new InputError(`input "${name}" must be true or false; got "${value}"`);
}

/** Pure: `read` returns an input's trimmed value ('' when unset), as the runner passes it (inputValue). */
export function parseInputs(read: InputReader, workspace: string): ActionSettings {
  const token = read('github-token');
  const failOn = read('fail-on');
  const judge = read('judge');
  const policyFrom = read('policy-from');
  const comment = read('comment');
  const baseRef = read('base-ref');
  return {
    ...(token !== '' ? { token } : {}),
    configPath: read('config') || DEFAULT_CONFIG_PATH,
    ...(failOn !== '' ? { failOn: oneOf('fail-on', failOn, FAIL_ON_VALUES) } : {}),
    ...(judge !== '' ? { judge: oneOf('judge', judge, JUDGE_VALUES) } : {}),
    ...(policyFrom !== '' ? { policyFrom: oneOf('policy-from', policyFrom, POLICY_FROM_VALUES) } : {}),
    comment: comment === '' ? DEFAULT_COMMENT_MODE : oneOf('comment', comment, COMMENT_MODES),
    annotations: booleanInput('annotations', read('annotations'), true),
    workspace,
    workingDirectory: resolve(workspace, read('working-directory')),
    ...(baseRef !== '' ? { baseRef } : {}),
    pipeline: PIPELINE_INPUTS.flatMap((input) => {
      const globs = globList(read(input.name));
      return globs.length > 0 ? [{ ...input, globs }] : [];
    }),
  };
}

export function readInputs(env: NodeJS.ProcessEnv = process.env): ActionSettings {
  // Masked before any other input is read, so no error message or later log line can show it.
  maskSecret(inputValue('github-token', env));
  return parseInputs((name) => inputValue(name, env), env['GITHUB_WORKSPACE'] || process.cwd());
}
