/**
 * The unchanged Terraform files the iac stage needs to evaluate a changed one: the rest of every
 * directory with a changed `.tf`/`.tf.json`/`.tfvars` file, and the files of the local modules
 * those call, transitively. Module calls are found with a cheap regex rather than a parse: the
 * changes stage only decides what to read, and the iac stage parses each file once.
 */
import { directoryOf, isTerraformConfigurationFile, isTfvarsFile, resolveModuleDirectory } from '../iac/terraform/configuration.js';
import type { ChangedFile, ContextFile, Notice } from './model.js';

/** How deep local module calls are followed; deeper is a loop or not a real configuration. */
export const MAX_MODULE_DEPTH = 10;

export const API_CONTEXT_NOTICE = 'Terraform roots are evaluated from the changed files only when reading from the API';

/** Reads the texts of the given paths at head; a path it cannot read is left out of the map. */
export type ReadTexts = (paths: readonly string[]) => Promise<Map<string, string>>;

const LOCAL_MODULE_SOURCE = /\bsource\s*=\s*"(\.\.?\/[^"]*)"|"source"\s*:\s*"(\.\.?\/[^"]*)"/g;

function isTerraformSource(path: string): boolean {
  return isTerraformConfigurationFile(path) || isTfvarsFile(path);
}

/** The local module directories a file's text calls, relative to the repository. */
export function localModuleDirectories(path: string, text: string): string[] {
  const directories: string[] = [];
  for (const match of text.matchAll(LOCAL_MODULE_SOURCE)) {
    const source = match[1] ?? match[2];
    if (source === undefined) continue;
    const directory = resolveModuleDirectory(directoryOf(path), source);
    if (directory !== undefined) directories.push(directory);
  }
  return directories;
}

export function hasTerraformChange(files: readonly ChangedFile[]): boolean {
  return files.some((file) => isTerraformSource(file.path) || (file.previousPath !== undefined && isTerraformSource(file.previousPath)));
}

/**
 * Walks from the directories of changed Terraform files through their local module calls, one
 * read per level, and returns every unchanged Terraform file met on the way (head texts).
 * `headPaths` lists the repository's files at head; `read` fetches texts in one batch.
 */
export async function collectTerraformContext(files: readonly ChangedFile[], headPaths: readonly string[], read: ReadTexts): Promise<ContextFile[]> {
  if (!hasTerraformChange(files)) return [];
  const changed = new Map(files.map((file) => [file.path, file]));
  const byDirectory = new Map<string, string[]>();
  for (const path of headPaths) {
    if (!isTerraformSource(path) || changed.has(path)) continue;
    const directory = directoryOf(path);
    byDirectory.set(directory, [...(byDirectory.get(directory) ?? []), path]);
  }
  const context: ContextFile[] = [];
  const visited = new Set<string>();
  let level = new Set(
    files.filter((file) => isTerraformSource(file.path)).map((file) => directoryOf(file.path)),
  );
  for (let depth = 0; depth <= MAX_MODULE_DEPTH && level.size > 0; depth += 1) {
    for (const directory of level) visited.add(directory);
    const paths = [...level].flatMap((directory) => byDirectory.get(directory) ?? []).sort();
    const texts = paths.length > 0 ? await read(paths) : new Map<string, string>();
    const next = new Set<string>();
    const callsFrom = (path: string, text: string): void => {
      if (!isTerraformConfigurationFile(path)) return;
      for (const directory of localModuleDirectories(path, text)) if (!visited.has(directory)) next.add(directory);
    };
    for (const path of paths) {
      const text = texts.get(path);
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
