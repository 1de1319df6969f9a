import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PipelineFile, PipelineFileKind, Side } from '../iac/model.js';
import { filesMatching, listTree } from './glob-walk.js';

/**
 * Reading the files earlier workflow steps left in the workspace (`terraform show -json`,
 * `cdk synth`, `pulumi preview --json`) for the inputs that name them. An input that names
 * nothing, or too much, is a mistake in the workflow, said in its terms, never an empty result.
 */

/** One input: its name as the user wrote it (`terraform-plan`, `--terraform-plan`), its globs, and the side for one-sided outputs. */
export interface PipelineInput {
  name: string;
  kind: PipelineFileKind;
  globs: readonly string[];
  side?: Side;
}

/**
 * The inputs, by the name both the action input and the CLI flag (`--terraform-plan`) take.
 * A synthesised template describes one side only, so `cdk-synth` has a base twin; a plan and a
 * preview hold both sides.
 */
export const PIPELINE_INPUTS: ReadonlyArray<Omit<PipelineInput, 'globs'>> = [
  { name: 'terraform-plan', kind: 'terraform-plan' },
  { name: 'cdk-synth', kind: 'cdk-synth', side: 'head' },
  { name: 'cdk-synth-base', kind: 'cdk-synth', side: 'base' },
  { name: 'pulumi-preview', kind: 'pulumi-preview' },
];

/** A plan of some thousands of resources is tens of megabytes; past this it is not one root's. */
const MAX_PIPELINE_FILE_BYTES = 256 * 1024 * 1024;
const MAX_PIPELINE_FILES = 100;
const MAX_DIRECTORIES = 200;

/** `cdk.out` means the templates in it: a directory of synthesised output stands for its `*.template.json`. */
async function expandDirectory(root: string, glob: string, kind: PipelineFileKind): Promise<string> {
  if (kind !== 'cdk-synth') return glob;
  const isDirectory = await stat(join(root, glob)).then((entry) => entry.isDirectory()).catch(() => false);
  return isDirectory ? `${glob.replace(/\/+$/, '')}/*.template.json` : glob;
}

/** Every file each input's globs match under `root` (the working directory), or what is wrong with an input. */
export async function readPipelineFiles(root: string, inputs: readonly PipelineInput[]): Promise<{ files: PipelineFile[]; errors: string[] }> {
  const files: PipelineFile[] = [];
  const errors: string[] = [];
  for (const input of inputs) {
    const globs = await Promise.all(input.globs.map((glob) => expandDirectory(root, glob.replace(/^\.\//, ''), input.kind)));
    const paths = await filesMatching(globs, listTree(root), MAX_DIRECTORIES);
    if (paths.length === 0) {
      errors.push(`${input.name}: ${globs.join(', ')} matches no file under ${root}; check that the step that writes it ran before tollgate, in the same job, and the path`);
      continue;
    }
    if (paths.length > MAX_PIPELINE_FILES) {
      errors.push(`${input.name}: ${globs.join(', ')} matches ${paths.length} files; at most ${MAX_PIPELINE_FILES} are read. Narrow the glob to the files the step writes.`);
      continue;
    }
    for (const path of paths) {
      const size = (await stat(join(root, path))).size;
      if (size > MAX_PIPELINE_FILE_BYTES) errors.push(`${input.name}: ${path} is ${size} bytes; at most ${MAX_PIPELINE_FILE_BYTES} are read`);
      else files.push({ kind: input.kind, path, text: await readFile(join(root, path), 'utf8'), ...(input.side ? { side: input.side } : {}) });
    }
  }
  return { files, errors };
}
