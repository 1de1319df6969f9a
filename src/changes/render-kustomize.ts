import { posix } from 'node:path';
import { parse } from 'yaml';
import type { CommandRunner } from './render-command.js';
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

/** `resources`, `bases` and `components` entries of a kustomization's text; bad YAML has none. */
export function kustomizationReferences(text: string): string[] {
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: 10, logLevel: 'error' });
  } catch {
    return [];
  }
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  return REFERENCE_FIELDS.flatMap((field) => {
    const entries = record[field];
    return Array.isArray(entries) ? entries.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '') : [];
  });
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
    return { file, references: text === undefined ? [] : kustomizationReferences(text) };
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

/** Which kustomize front end works here; shared by every render of one run so a missing binary is tried once. */
export class KustomizeTools {
  private readonly missing = new Set<string>();

  constructor(private readonly run: CommandRunner) {}

  /**
   * `kubectl kustomize <dir>`, else `kustomize build <dir>`. Never with `--enable-helm`,
   * `--enable-alpha-plugins` or `--enable-exec`: a pull request must not run code on the runner.
   */
  async render(tree: KustomizationTree, directory: string): Promise<RenderOutcome> {
    const refusal = (await tree.refusal(directory)) ?? (await unsafeLink(tree.root, directory));
    if (refusal !== undefined) return { kind: 'failed', reason: `not rendered: ${refusal}` };
    const target = absolutePath(tree.root, directory);
    const candidates: [string, string[]][] = [
      ['kubectl', ['kustomize', target]],
      ['kustomize', ['build', target]],
    ];
    for (const [command, args] of candidates) {
      if (this.missing.has(command)) continue;
      const result = await this.run(command, args, { cwd: tree.root });
      if (result.failure === 'not-found') {
        this.missing.add(command);
        continue;
      }
      if (result.failure !== undefined || result.exitCode !== 0) return { kind: 'failed', reason: failureReason(result) };
      return { kind: 'rendered', output: result.stdout };
    }
    return { kind: 'missing-binary' };
  }
}
