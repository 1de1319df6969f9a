/**
 * The unchanged Terraform files the iac stage needs to evaluate a changed one: the rest of every
 * directory with a changed `.tf`/`.tf.json`/`.tfvars` file, the directories that call those as
 * local modules (found repository-wide, so a changed module is evaluated through its callers with
 * their inputs rather than as a root of its own), and the files of the local modules all of these
 * call, transitively, with the `.terraform.lock.hcl` of each. Module calls are found with a cheap regex rather than a parse: the changes
 * stage only decides what to read, and the iac stage parses each file once.
 */
import { directoryOf, isTerraformConfigurationFile, isTerraformSource, resolveModuleDirectory } from '../iac/terraform/configuration.js';
import type { ChangedFile, ContextFile, Notice } from './model.js';
import { groupBy } from '../collections.js';

/** How deep local module calls are followed; deeper is a loop or not a real configuration. */
export const MAX_MODULE_DEPTH = 10;

export const API_CONTEXT_NOTICE = 'Terraform roots are evaluated from the changed files only when reading from the API';

/** Reads the texts of the given paths at head; a path it cannot read is left out of the map. */
export type ReadTexts = (paths: readonly string[]) => Promise<Map<string, string>>;

/** A local module call found by a text search: the calling file and the `source` it names. */
export interface LocalModuleCall {
  path: string;
  source: string;
}

/** Every local module call at head, repository-wide, from one cheap search (a `git grep`, a scan of the texts). */
export type FindModuleCalls = () => Promise<LocalModuleCall[]>;

/** `source = "./x"` in HCL, `"source": "../x"` in JSON; `.` and `..` alone are local too. */
const LOCAL_MODULE_SOURCE = /\bsource\s*=\s*"(\.\.?(?:\/[^"]*)?)"|"source"\s*:\s*"(\.\.?(?:\/[^"]*)?)"/g;

const LOCK_FILE = '.terraform.lock.hcl';

/** The lock file rides along: lockfile-consistency checks a changed provider constraint against it. */
function isContextPath(path: string): boolean {
  return isTerraformSource(path) || path === LOCK_FILE || path.endsWith(`/${LOCK_FILE}`);
}

/** The local module calls a file's text makes. */
export function localModuleCalls(path: string, text: string): LocalModuleCall[] {
  const calls: LocalModuleCall[] = [];
  for (const match of text.matchAll(LOCAL_MODULE_SOURCE)) {
    const source = match[1] ?? match[2];
    if (source !== undefined) calls.push({ path, source });
  }
  return calls;
}

/** The local module directories a file's text calls, relative to the repository. */
export function localModuleDirectories(path: string, text: string): string[] {
  return localModuleCalls(path, text)
    .map((call) => resolveModuleDirectory(directoryOf(path), call.source))
    .filter((directory): directory is string => directory !== undefined);
}

export function hasTerraformChange(files: readonly ChangedFile[]): boolean {
  return files.some((file) => isTerraformSource(file.path) || (file.previousPath !== undefined && isTerraformSource(file.previousPath)));
}

/**
 * The directories that call any of `starts` as a local module, directly or through other modules
 * (up to MAX_MODULE_DEPTH levels), not counting `starts` themselves.
 */
export function callingDirectories(starts: ReadonlySet<string>, calls: readonly LocalModuleCall[]): Set<string> {
  const callers = new Map<string, Set<string>>();
  for (const call of calls) {
    const caller = directoryOf(call.path);
    const callee = resolveModuleDirectory(caller, call.source);
    if (callee === undefined || callee === caller) continue;
    callers.set(callee, (callers.get(callee) ?? new Set()).add(caller));
  }
  const found = new Set<string>();
  let level: ReadonlySet<string> = starts;
  for (let depth = 0; depth < MAX_MODULE_DEPTH && level.size > 0; depth += 1) {
    const next = new Set<string>();
    for (const callee of level) {
      for (const caller of callers.get(callee) ?? []) {
        if (found.has(caller) || starts.has(caller)) continue;
        found.add(caller);
        next.add(caller);
      }
    }
    level = next;
  }
  return found;
}

/**
 * The search without git: every `.tf`/`.tf.json` text at head is read once (in one batch) and
 * scanned; the texts stay in `known` so the walk does not read them again.
 */
function scanModuleCalls(headPaths: readonly string[], read: ReadTexts, known: Map<string, string>): FindModuleCalls {
  return async () => {
    const texts = await read(headPaths.filter(isTerraformConfigurationFile));
    for (const [path, text] of texts) known.set(path, text);
    return [...texts].flatMap(([path, text]) => localModuleCalls(path, text));
  };
}

/**
 * Walks from the directories of changed Terraform files and the directories that call them as
 * modules down through their local module calls, one read per level, and returns every unchanged
 * Terraform file met on the way (head texts). `headPaths` lists the repository's files at head;
 * `read` fetches texts in one batch; `findCalls` finds the callers (by default by reading every
 * configuration file at head).
 */
export async function collectTerraformContext(files: readonly ChangedFile[], headPaths: readonly string[], read: ReadTexts, findCalls?: FindModuleCalls): Promise<ContextFile[]> {
  if (!hasTerraformChange(files)) return [];
  const changed = new Map(files.map((file) => [file.path, file]));
  const unchangedPaths = headPaths.filter((path) => isContextPath(path) && !changed.has(path));
  const byDirectory = groupBy(unchangedPaths, directoryOf);
  const known = new Map<string, string>();
  const starts = new Set(files.filter((file) => isTerraformSource(file.path)).map((file) => directoryOf(file.path)));
  const calls = await (findCalls ?? scanModuleCalls(unchangedPaths, read, known))();
  const context: ContextFile[] = [];
  const visited = new Set<string>();
  let level = new Set([...starts, ...callingDirectories(starts, calls)]);
  for (let depth = 0; depth <= MAX_MODULE_DEPTH && level.size > 0; depth += 1) {
    for (const directory of level) visited.add(directory);
    const paths = [...level].flatMap((directory) => byDirectory.get(directory) ?? []).sort();
    const unread = paths.filter((path) => !known.has(path));
    if (unread.length > 0) for (const [path, text] of await read(unread)) known.set(path, text);
    const next = new Set<string>();
    const callsFrom = (path: string, text: string): void => {
      if (!isTerraformConfigurationFile(path)) return;
      for (const directory of localModuleDirectories(path, text)) if (!visited.has(directory)) next.add(directory);
    };
    for (const path of paths) {
      const text = known.get(path);
      if (text === undefined) continue;
      context.push({ path, text });
      callsFrom(path, text);
    }
    for (const directory of level) {
      for (const file of files) {
        // The base side may call a module the head no longer does; the base evaluation needs it too.
        if (directoryOf(file.path) !== directory) continue;
        if (file.after !== undefined) callsFrom(file.path, file.after);
        if (file.before !== undefined) callsFrom(file.previousPath ?? file.path, file.before);
      }
    }
    level = next;
  }
  return context;
}

/** The notice the API mode gives instead of context: it reads changed files only, to keep API calls few. */
export function apiContextNotice(files: readonly ChangedFile[]): Notice | undefined {
  return hasTerraformChange(files) ? { message: API_CONTEXT_NOTICE } : undefined;
}
