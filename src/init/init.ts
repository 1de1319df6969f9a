import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { mapLimit } from '../changes/concurrency.js';
import { runGit, workTreeRoot } from '../changes/git-process.js';
import { filesMatching, listTree } from '../changes/glob-walk.js';
import { absolutePath, readSmallText } from '../changes/render-fs.js';
import { analysedPaths, detectInfrastructure, wantsText, type RepositoryFile } from './detect.js';
import { configText } from './config-file.js';
import { initSummary, refusalMessage } from './summary.js';

export const WORKFLOW_PATH = '.github/workflows/tollgate.yml';
export const CONFIG_PATH = '.github/tollgate.yml';

/** Outside git the tree is walked; a directory count this large is a home directory, not a repository. */
const MAX_DIRECTORIES = 20_000;

/** A manifest or template larger than this is generated output, not where a team keeps its infrastructure. */
const MAX_TEXT_BYTES = 1024 * 1024;

/** Files read at once: a monorepo has thousands of YAML files and the process a limit on open files. */
const READ_CONCURRENCY = 32;

export interface InitOptions {
  /** `--dir`, else the working directory; the files go to the top of its git repository. */
  directory: string;
  force: boolean;
  /** examples/workflows/basic.yml, shipped beside the bundle: the workflow init writes is that example. */
  workflowTemplate: string;
}

/** GitHub reads workflows from the top of the repository only, so init writes there even from a subdirectory. */
async function repositoryRoot(directory: string): Promise<{ root: string; git: boolean }> {
  const top = await workTreeRoot(directory);
  return top === undefined ? { root: directory, git: false } : { root: top, git: true };
}

/** The files a pull request could change: git's tracked and untracked ones (not ignored ones), else every file on disk. */
async function listFiles(root: string, git: boolean): Promise<string[]> {
  if (!git) return filesMatching(['**'], listTree(root), MAX_DIRECTORIES);
  const output = await runGit(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  return [...new Set(output.toString('utf8').split('\0').filter((path) => path !== ''))];
}

async function readRepository(root: string, paths: readonly string[]): Promise<RepositoryFile[]> {
  return mapLimit(paths, READ_CONCURRENCY, async (path) => {
    if (!wantsText(path)) return { path };
    const text = await readSmallText(root, path, MAX_TEXT_BYTES);
    return text === undefined ? { path } : { path, text };
  });
}

/** `tollgate init`: exit code 0 when both files were written, 2 when nothing was (a file exists, a bad directory). */
export async function runInit(options: InitOptions): Promise<number> {
  const directory = resolve(options.directory);
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    process.stderr.write(`tollgate: ${options.directory} is not a directory; pass --dir with the repository's directory, or run tollgate init inside it\n`);
    return 2;
  }
  const { root, git } = await repositoryRoot(directory);
  const existing = [WORKFLOW_PATH, CONFIG_PATH].filter((path) => existsSync(absolutePath(root, path)));
  if (existing.length > 0 && !options.force) {
    process.stderr.write(`tollgate: ${refusalMessage(existing)}\n`);
    return 2;
  }
  const workflow = await readFile(options.workflowTemplate, 'utf8').catch(() => undefined);
  if (workflow === undefined) {
    process.stderr.write(`tollgate: the workflow template ${options.workflowTemplate} is missing from this installation; reinstall tollgate\n`);
    return 2;
  }
  const detection = detectInfrastructure(await readRepository(root, await listFiles(root, git)));
  const written = [
    { path: WORKFLOW_PATH, text: workflow, what: 'the gate on every pull request (least permissions, one run per pull request)' },
    { path: CONFIG_PATH, text: configText(detection), what: `settings for what was found${describePaths(analysedPaths(detection))}` },
  ];
  for (const file of written) {
    const target = absolutePath(root, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.text);
  }
  process.stdout.write(initSummary({ root, detection, written }));
  return 0;
}

function describePaths(paths: readonly string[] | undefined): string {
  return paths === undefined ? ' (every file analysed)' : ` (analyses ${paths.join(', ')})`;
}
