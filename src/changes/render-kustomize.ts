import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import type { CommandResult, CommandRunner } from './render-command.js';
import { failureReason } from './render-command.js';
import type { RenderOutcome } from './render-helm.js';
import { absolutePath, fileExists, findFilesNamed, joinRepoPath, pathExists, readSmallText, resolvesInside, unsafeLink } from './render-fs.js';

/** The names kustomize accepts for the file that makes a directory a kustomization, in its order of preference. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

const KUSTOMIZATION_NAMES: ReadonlySet<string> = new Set(KUSTOMIZATION_FILES);

const KUSTOMIZATION_LIMIT_BYTES = 1024 * 1024;

/** How many directory entries the overlay search reads before it stops (a monorepo can be large). */
export const OVERLAY_SCAN_LIMIT = 50_000;

/** The entries of a kustomization that pull in other kustomizations or manifests. */
const REFERENCE_FIELDS = ['resources', 'bases', 'components'] as const;

export async function kustomizationFileIn(root: string, directory: string): Promise<string | undefined> {
  for (const name of KUSTOMIZATION_FILES) {
    if (await fileExists(root, joinRepoPath(directory, name))) return name;
  }
  return undefined;
}

function kustomizationValue(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: 10, logLevel: 'error' });
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** `resources`, `bases` and `components` entries of a kustomization's text; bad YAML has none. */
export function kustomizationReferences(text: string): string[] {
  const record = kustomizationValue(text);
  if (!record) return [];
  return REFERENCE_FIELDS.flatMap((field) => {
    const entries = record[field];
    return Array.isArray(entries) ? entries.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '') : [];
  });
}

/** A `kind: Component` kustomization: a mixin that only builds as part of the kustomizations that list it under `components`. */
export function isComponent(text: string): boolean {
  return kustomizationValue(text)?.kind === 'Component';
}

/** URL forms kustomize fetches over the network: `https://…`, `ssh://…`, `git::…`, `git@host:…`, `…?ref=…`. */
export function looksRemote(entry: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^git(::|@)/.test(entry) || /\?(ref|version|submodules|timeout)=/.test(entry);
}

/** A `github.com/org/repo//path` style entry: a host name first, and nothing of that name in the repository. */
function looksLikeHost(entry: string): boolean {
  const first = entry.split('/')[0] ?? '';
  return first.includes('.') && !first.startsWith('.') && entry.includes('/');
}

/** A local entry resolved against its kustomization's directory; undefined when it climbs out of the repository. */
export function resolveEntry(directory: string, entry: string): string | undefined {
  if (entry.startsWith('/')) return undefined;
  const joined = posix.normalize(joinRepoPath(directory, entry)).replace(/\/+$/, '');
  if (joined === '..' || joined.startsWith('../')) return undefined;
  return joined === '.' ? '' : joined;
}

interface KustomizationInfo {
  file: string;
  references: string[];
  component: boolean;
}

/**
 * Kustomizations of one tree, read lazily and once. The overlay search (which directories refer
 * to a changed base) walks the tree only when a changed file belongs to a kustomization.
 */
export class KustomizationTree {
  private readonly infos = new Map<string, Promise<KustomizationInfo | undefined>>();
  private referrers?: Promise<{ byTarget: Map<string, string[]>; capped: boolean }>;

  constructor(readonly root: string) {}

  info(directory: string): Promise<KustomizationInfo | undefined> {
    let info = this.infos.get(directory);
    if (info === undefined) {
      info = this.read(directory);
      this.infos.set(directory, info);
    }
    return info;
  }

  private async read(directory: string): Promise<KustomizationInfo | undefined> {
    const file = await kustomizationFileIn(this.root, directory);
    if (file === undefined) return undefined;
    const text = await readSmallText(this.root, joinRepoPath(directory, file), KUSTOMIZATION_LIMIT_BYTES);
    return { file, references: text === undefined ? [] : kustomizationReferences(text), component: text !== undefined && isComponent(text) };
  }

  /** Directories whose kustomization lists `directory` (directly) as a resource, base or component. */
  async referrersOf(directory: string): Promise<{ referrers: string[]; capped: boolean }> {
    this.referrers ??= this.indexReferrers();
    const { byTarget, capped } = await this.referrers;
    return { referrers: byTarget.get(directory) ?? [], capped };
  }

  private async indexReferrers(): Promise<{ byTarget: Map<string, string[]>; capped: boolean }> {
    const { paths, capped } = await findFilesNamed(this.root, KUSTOMIZATION_NAMES, OVERLAY_SCAN_LIMIT);
    const byTarget = new Map<string, string[]>();
    const directories = [...new Set(paths.map((path) => posix.dirname(path)).map((dir) => (dir === '.' ? '' : dir)))];
    for (const directory of directories) {
      const info = await this.info(directory);
      for (const entry of info?.references ?? []) {
        const target = looksRemote(entry) ? undefined : resolveEntry(directory, entry);
        if (target === undefined || target === directory) continue;
        const list = byTarget.get(target) ?? [];
        if (!list.includes(directory)) list.push(directory);
        byTarget.set(target, list);
      }
    }
    return { byTarget, capped };
  }

  /**
   * Why this kustomization must not be built, or undefined when it is safe: it (or a kustomization
   * it includes) names a remote base, which kustomize would fetch over the network, or a path that
   * leaves the repository.
   */
  async refusal(directory: string): Promise<string | undefined> {
    const visited = new Set<string>();
    const pending = [directory];
    while (pending.length > 0) {
      const current = pending.pop() as string;
      if (visited.has(current)) continue;
      visited.add(current);
      const info = await this.info(current);
      for (const entry of info?.references ?? []) {
        const where = joinRepoPath(current, info?.file ?? 'kustomization.yaml');
        if (looksRemote(entry)) return `${where} includes the remote base ${entry}, which is not fetched`;
        const target = resolveEntry(current, entry);
        const exists = target !== undefined && (await pathExists(this.root, target));
        if (!exists && looksLikeHost(entry)) return `${where} includes the remote base ${entry}, which is not fetched`;
        if (target === undefined || (exists && !(await resolvesInside(this.root, absolutePath(this.root, target))))) {
          return `${where} includes ${entry}, which is outside the repository`;
        }
        if (exists && (await this.info(target)) !== undefined) pending.push(target);
      }
    }
    return undefined;
  }
}

const ORIGIN_ANNOTATION = /^(\s+)config\.kubernetes\.io\/origin: \|[-+]?\s*$/;
const DOCUMENT_SEPARATOR = /^---\s*$/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function unquoted(value: string): string {
  const trimmed = value.trim();
  return /^(".*"|'.*')$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
}

/** The repository path of a path kustomize wrote relative to `from`; undefined outside the tree. */
function repositoryPath(root: string, from: string, written: string): string | undefined {
  const path = relative(root, resolve(from, written));
  if (path === '' || path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}

export interface OriginsRead {
  /** The output without the origin annotations tollgate asked for. */
  output: string;
  /** Where each document is written (the annotation's `path`, else the kustomization that generated it). */
  documents: Array<string | undefined>;
}

/**
 * Reads and removes the `config.kubernetes.io/origin` annotation kustomize adds to every object
 * when the kustomization asks for `buildMetadata: [originAnnotations]`. Paths in it are relative
 * to the kustomization built (`from`); they become repository paths under `root`. The annotation
 * (and an `annotations:` key it leaves empty) is removed so the objects read as written.
 */
export function readOrigins(output: string, root: string, from: string): OriginsRead {
  const lines = output.split('\n');
  const kept: string[] = [];
  const documents: Array<string | undefined> = [];
  let current: string | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (DOCUMENT_SEPARATOR.test(line)) {
      documents.push(current);
      current = undefined;
      kept.push(line);
      continue;
    }
    const annotation = ORIGIN_ANNOTATION.exec(line);
    if (!annotation) {
      kept.push(line);
      continue;
    }
    const indent = annotation[1]?.length ?? 0;
    let path: string | undefined;
    let configuredIn: string | undefined;
    let next = index + 1;
    for (; next < lines.length && ((lines[next] ?? '').trim() === '' || indentOf(lines[next] ?? '') > indent); next++) {
      const field = /^\s+(path|configuredIn): (.+)$/.exec(lines[next] ?? '');
      if (field?.[2] === undefined || indentOf(lines[next] ?? '') !== indent + 2) continue;
      if (field[1] === 'path') path = unquoted(field[2]);
      else configuredIn = unquoted(field[2]);
    }
    const written = path ?? configuredIn;
    current = written === undefined ? undefined : repositoryPath(root, from, written);
    const following = lines[next];
    if (kept[kept.length - 1] === `${' '.repeat(Math.max(0, indent - 2))}annotations:` && (following === undefined || indentOf(following) < indent)) kept.pop();
    index = next - 1;
  }
  documents.push(current);
  return { output: kept.join('\n'), documents };
}

/** Which kustomize front end works here; shared by every render of one run so a missing binary is tried once. */
export class KustomizeTools {
  private readonly missing = new Set<string>();

  constructor(private readonly run: CommandRunner) {}

  /**
   * `kubectl kustomize <dir>`, else `kustomize build <dir>`. Never with `--enable-helm`,
   * `--enable-alpha-plugins` or `--enable-exec`: a pull request must not run code on the runner.
   * The build goes through a wrapper kustomization in a temporary directory that asks for origin
   * annotations (the tree itself may be the user's checkout and is never written to); a kustomize
   * too old for them builds the directory itself, and the output then has no origins.
   */
  async render(tree: KustomizationTree, directory: string): Promise<RenderOutcome> {
    const refusal = (await tree.refusal(directory)) ?? (await unsafeLink(tree.root, directory));
    if (refusal !== undefined) return { kind: 'failed', reason: `not rendered: ${refusal}` };
    const target = absolutePath(tree.root, directory);
    const wrapper = await mkdtemp(join(tmpdir(), 'tollgate-kustomize-'));
    try {
      await writeFile(join(wrapper, 'kustomization.yaml'), `resources:\n  - ${JSON.stringify(relative(wrapper, target).split(sep).join('/'))}\nbuildMetadata: [originAnnotations]\n`);
      for (const command of ['kubectl', 'kustomize'] as const) {
        if (this.missing.has(command)) continue;
        const build = (path: string): Promise<CommandResult> => this.run(command, command === 'kubectl' ? ['kustomize', path] : ['build', path], { cwd: tree.root });
        const annotated = await build(wrapper);
        if (annotated.failure === 'not-found') {
          this.missing.add(command);
          continue;
        }
        if (annotated.failure === undefined && annotated.exitCode === 0) {
          const read = readOrigins(annotated.stdout, tree.root, wrapper);
          return { kind: 'rendered', output: read.output, origins: read.documents };
        }
        const plain = await build(target);
        if (plain.failure !== undefined || plain.exitCode !== 0) return { kind: 'failed', reason: failureReason(plain) };
        return { kind: 'rendered', output: plain.stdout };
      }
      return { kind: 'missing-binary' };
    } finally {
      await rm(wrapper, { recursive: true, force: true });
    }
  }
}
