import { mapLimit } from './concurrency.js';
import { DEFAULT_MAX_FILE_BYTES, sortByPath, tooLargeNote } from './content.js';
import { diffLines } from './line-diff.js';
import type { ChangedFile, ChangeSet, Notice, RenderedSources, RenderOrigin } from './model.js';
import { spawnRunner, type CommandRunner } from './render-command.js';
import { DirectoryListings, RENDER_SIDES, absolutePath, ancestorDirectories, fileExists, joinRepoPath, readSmallText, resolvesInside, type RenderSide } from './render-fs.js';
import { CHART_FILE, chartReleaseName, renderChart, splitHelmOutput, type RenderOutcome } from './render-helm.js';
import { KUSTOMIZATION_FILES, KustomizationTree, KustomizeTools, OVERLAY_SCAN_LIMIT } from './render-kustomize.js';

export interface RenderOptions {
  /** The head tree on disk (the checkout, or the head directory). */
  headRoot: string;
  /** The base tree on disk; absent means the base has no files, so everything rendered is added. */
  baseRoot?: string;
  /** `kubernetes.helm-values` from the config: values files relative to each chart. */
  helmValues: readonly string[];
  /** Injectable for tests; the default spawns without a shell, with a time limit and a scrubbed environment. */
  run?: CommandRunner;
  /** Rendered output above this size keeps its entry but not its text, like any other file. */
  maxFileBytes?: number;
}

/** helm and kustomize are single-threaded and quick; a few at once hides their start-up time. */
const RENDER_CONCURRENCY = 4;

type Roots = Partial<Record<RenderSide, string>>;

/** Renders on each side of one chart or kustomization, keyed by side; a side without it is absent. */
type SideOutcomes = Partial<Record<RenderSide, RenderOutcome>>;

interface Marked {
  /** Chart directories with a changed file, nearest Chart.yaml first. */
  charts: Set<string>;
  /** Kustomization directory of each changed path (the nearest one). */
  kustomizationOf: Map<string, string>;
}

/**
 * Renders the Helm charts and Kustomize overlays a change touches, on both sides, and puts the
 * rendered manifests into the change set in place of the raw templates, so the iac stage reads
 * what would be applied. Never throws: a missing binary or a failed render becomes a notice and
 * the files it concerns pass through as they were.
 */
export async function renderManifests(changes: ChangeSet, options: RenderOptions): Promise<ChangeSet> {
  try {
    return await render(changes, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ...changes, notices: [...changes.notices, { kind: 'render', message: `Helm charts and Kustomize overlays were not rendered: ${reason}` }] };
  }
}

async function render(changes: ChangeSet, options: RenderOptions): Promise<ChangeSet> {
  const roots: Roots = { head: options.headRoot, ...(options.baseRoot !== undefined ? { base: options.baseRoot } : {}) };
  const paths = [...new Set(changes.files.flatMap((file) => (file.previousPath !== undefined ? [file.path, file.previousPath] : [file.path])))];
  const marked = await markDirectories(paths, roots);
  if (marked.charts.size === 0 && marked.kustomizationOf.size === 0) return changes;

  const run = options.run ?? spawnRunner();
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const notices: Notice[] = [];
  const trees = sideMap(roots, (root) => new KustomizationTree(root));
  const kustomizations = await withOverlays(new Set(marked.kustomizationOf.values()), trees, notices);
  const builds = await buildPlan(kustomizations, trees);

  const [helm, kustomize] = await Promise.all([
    renderCharts([...marked.charts].sort(), roots, options.helmValues, run),
    renderKustomizations(builds, trees, new KustomizeTools(run)),
  ]);

  const replaced = new Map<string, ChangedFile>();
  const stripped = new Map<string, string>();
  let chartsMissing = 0;
  for (const [chartDir, outcomes] of helm) {
    const failure = failureOf(outcomes);
    if (failure === 'missing-binary') chartsMissing++;
    else if (failure !== undefined) notices.push({ kind: 'render', file: joinRepoPath(chartDir, CHART_FILE), message: `helm could not render chart ${chartDir || '.'}: ${failure}; its templates were read as raw files` });
    else await addChartFiles(chartDir, outcomes, roots, paths, maxFileBytes, replaced, stripped);
  }
  let kustomizationsMissing = 0;
  const built = new Set<string>();
  for (const [directory, { outcomes, file }] of kustomize) {
    const failure = failureOf(outcomes);
    if (failure === 'missing-binary') kustomizationsMissing++;
    else if (failure !== undefined) notices.push({ kind: 'render', file: joinRepoPath(directory, file), message: `kustomize could not render ${directory || '.'}: ${failure}; its files were read as raw manifests` });
    else {
      built.add(directory);
      await addKustomizationFiles(directory, file, outcomes, roots, marked.kustomizationOf, maxFileBytes, replaced, stripped);
    }
  }
  stripIncludedParts(builds.includedBy, built, marked.kustomizationOf, replaced, stripped);
  for (const component of builds.orphanComponents) {
    if (builds.includedBy.has(component)) continue;
    notices.push({ kind: 'render', file: joinRepoPath(component, 'kustomization.yaml'), message: `kustomize component ${component || '.'} is included by no kustomization, and a component does not build alone; its files were not analysed` });
    for (const [changedPath, owner] of marked.kustomizationOf) {
      if (owner === component && !replaced.has(changedPath)) stripped.set(changedPath, `part of kustomize component ${component || '.'}, which no kustomization includes`);
    }
  }
  if (chartsMissing > 0) notices.push({ kind: 'render', message: `helm is not installed: ${chartsMissing} chart(s) were read as raw templates, not rendered` });
  if (kustomizationsMissing > 0) notices.push({ kind: 'render', message: `neither kubectl nor kustomize is installed: ${kustomizationsMissing} kustomization(s) were read as raw manifests, not rendered` });

  const files = changes.files.filter((file) => !replaced.has(file.path)).map((file) => withoutRawText(file, stripped.get(file.path)));
  const rendered = [...replaced.values()].map((file) => withRepositoryCounts(file, changes.files.find((raw) => raw.path === file.path)));
  return { ...changes, files: sortByPath([...files, ...rendered]), notices: [...changes.notices, ...notices] };
}

/**
 * Line counts describe the repository's change, not the output's: a rendered entry that takes the
 * place of a changed file (a template, a kustomization file) keeps that file's counts, and one that
 * is output only has none, so a one-line values change that re-renders thirty templates is one line.
 */
function withRepositoryCounts(file: ChangedFile, raw: ChangedFile | undefined): ChangedFile {
  if (raw === undefined) return file;
  return { ...file, ...(raw.additions !== undefined ? { additions: raw.additions } : {}), ...(raw.deletions !== undefined ? { deletions: raw.deletions } : {}) };
}

function sideMap<T>(roots: Roots, make: (root: string) => T): Partial<Record<RenderSide, T>> {
  const result: Partial<Record<RenderSide, T>> = {};
  for (const side of RENDER_SIDES) {
    const root = roots[side];
    if (root !== undefined) result[side] = make(root);
  }
  return result;
}

/** The nearest chart and the nearest kustomization above each changed path, on either side. */
async function markDirectories(paths: readonly string[], roots: Roots): Promise<Marked> {
  const listings = Object.values(sideMap(roots, (root) => new DirectoryListings(root)));
  const exists = async (directory: string, names: readonly string[]): Promise<boolean> => {
    const found = await Promise.all(listings.flatMap((listing) => names.map((name) => listing.has(directory, name))));
    return found.includes(true);
  };
  // Many changed files share directories: each directory is looked at once.
  const ancestors = new Map(paths.map((path) => [path, ancestorDirectories(path)]));
  const directories = [...new Set([...ancestors.values()].flat())];
  const flags = new Map(
    await Promise.all(directories.map(async (directory) => [directory, { chart: await exists(directory, [CHART_FILE]), kustomization: await exists(directory, KUSTOMIZATION_FILES) }] as const)),
  );
  const marked: Marked = { charts: new Set(), kustomizationOf: new Map() };
  for (const [path, above] of ancestors) {
    const chart = above.find((directory) => flags.get(directory)?.chart === true);
    const kustomization = above.find((directory) => flags.get(directory)?.kustomization === true);
    if (chart !== undefined) marked.charts.add(chart);
    if (kustomization !== undefined) marked.kustomizationOf.set(path, kustomization);
  }
  return marked;
}

/** The changed kustomizations plus every overlay, on either side, that includes one of them (directly or through another overlay). */
async function withOverlays(changed: Set<string>, trees: Partial<Record<RenderSide, KustomizationTree>>, notices: Notice[]): Promise<string[]> {
  const all = new Set(changed);
  const pending = [...changed];
  let capped = false;
  while (pending.length > 0) {
    const directory = pending.pop() as string;
    for (const tree of Object.values(trees)) {
      const found = await tree.referrersOf(directory);
      capped ||= found.capped;
      for (const referrer of found.referrers) {
        if (!all.has(referrer)) {
          all.add(referrer);
          pending.push(referrer);
        }
      }
    }
  }
  if (capped) notices.push({ message: `the repository has more than ${OVERLAY_SCAN_LIMIT} files: overlays of the changed kustomizations were looked for among the first ${OVERLAY_SCAN_LIMIT} only` });
  return [...all].sort();
}

/**
 * Which kustomization to build on which side. One that another kustomization of the set includes
 * (a base under its overlays, a component) is built only through its includers on that side:
 * built alone as well, its objects would be analysed twice, once bare and once per overlay.
 */
interface BuildPlan {
  /** Each kustomization built by itself, with the sides it is built on. */
  sides: Map<string, RenderSide[]>;
  /** Each kustomization built only through others on some side, with those others (the outermost ones). */
  includedBy: Map<string, string[]>;
  /** Components no kustomization includes: a component never builds alone, so these are not built at all. */
  orphanComponents: Set<string>;
}

/** The outermost members of `members` that include `directory` on this tree, directly or through other members; empty when none (or only a loop) does. */
async function includersOf(tree: KustomizationTree, members: ReadonlySet<string>, directory: string): Promise<string[]> {
  const outermost = new Set<string>();
  const seen = new Set([directory]);
  const pending = [directory];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    const referrers = (await tree.referrersOf(current)).referrers.filter((referrer) => members.has(referrer));
    if (referrers.length === 0 && current !== directory) outermost.add(current);
    for (const referrer of referrers) {
      if (seen.has(referrer)) continue;
      seen.add(referrer);
      pending.push(referrer);
    }
  }
  return [...outermost].sort();
}

async function buildPlan(directories: readonly string[], trees: Partial<Record<RenderSide, KustomizationTree>>): Promise<BuildPlan> {
  const members = new Set(directories);
  const plan: BuildPlan = { sides: new Map(), includedBy: new Map(), orphanComponents: new Set() };
  for (const directory of directories) {
    const includers = new Set<string>();
    for (const side of RENDER_SIDES) {
      const tree = trees[side];
      const info = tree === undefined ? undefined : await tree.info(directory);
      if (tree === undefined || info === undefined) continue;
      const outer = await includersOf(tree, members, directory);
      if (outer.length === 0 && info.component) plan.orphanComponents.add(directory);
      else if (outer.length === 0) plan.sides.set(directory, [...(plan.sides.get(directory) ?? []), side]);
      for (const includer of outer) includers.add(includer);
    }
    if (includers.size > 0) plan.includedBy.set(directory, [...includers].sort());
  }
  return plan;
}

async function renderCharts(chartDirs: string[], roots: Roots, helmValues: readonly string[], run: CommandRunner): Promise<Map<string, SideOutcomes>> {
  const jobs: { chartDir: string; side: RenderSide; root: string }[] = [];
  const releases = new Map<string, string>();
  for (const chartDir of chartDirs) {
    for (const side of RENDER_SIDES) {
      const root = roots[side];
      if (root !== undefined && (await fileExists(root, joinRepoPath(chartDir, CHART_FILE)))) jobs.push({ chartDir, side, root });
    }
    // One release name for both sides (the head's), so a renamed chart does not rename every object.
    const namingRoot = roots.head !== undefined && (await fileExists(roots.head, joinRepoPath(chartDir, CHART_FILE))) ? roots.head : roots.base;
    releases.set(chartDir, namingRoot === undefined ? 'release' : await chartReleaseName(namingRoot, chartDir));
  }
  const outcomes = await mapLimit(jobs, RENDER_CONCURRENCY, (job) => renderChart(run, job.root, job.chartDir, releases.get(job.chartDir) ?? 'release', helmValues));
  const byChart = new Map<string, SideOutcomes>(chartDirs.map((chartDir) => [chartDir, {}]));
  jobs.forEach((job, index) => {
    const sides = byChart.get(job.chartDir);
    const outcome = outcomes[index];
    if (sides !== undefined && outcome !== undefined) sides[job.side] = outcome;
  });
  return byChart;
}

async function renderKustomizations(
  plan: BuildPlan,
  trees: Partial<Record<RenderSide, KustomizationTree>>,
  tools: KustomizeTools,
): Promise<Map<string, { outcomes: SideOutcomes; file: string }>> {
  const jobs: { directory: string; side: RenderSide; tree: KustomizationTree }[] = [];
  const files = new Map<string, string>();
  for (const [directory, sides] of plan.sides) {
    for (const side of ['head', 'base'] as const) {
      const tree = trees[side];
      const info = tree === undefined || !sides.includes(side) ? undefined : await tree.info(directory);
      if (tree === undefined || info === undefined) continue;
      jobs.push({ directory, side, tree });
      // Rendered output goes under the kustomization's own name (the head's), or kustomization.yaml
      // for `Kustomization`, which the iac stage would not read as YAML.
      if (!files.has(directory)) files.set(directory, info.file === 'Kustomization' ? 'kustomization.yaml' : info.file);
    }
  }
  const outcomes = await mapLimit(jobs, RENDER_CONCURRENCY, (job) => tools.render(job.tree, job.directory));
  const result = new Map<string, { outcomes: SideOutcomes; file: string }>();
  jobs.forEach((job, index) => {
    const entry = result.get(job.directory) ?? { outcomes: {}, file: files.get(job.directory) ?? 'kustomization.yaml' };
    const outcome = outcomes[index];
    if (outcome !== undefined) entry.outcomes[job.side] = outcome;
    result.set(job.directory, entry);
  });
  return result;
}

/** 'missing-binary', a failure reason (with the side when only one side failed), or undefined when every side rendered. */
function failureOf(outcomes: SideOutcomes): string | undefined {
  for (const side of RENDER_SIDES) {
    if (outcomes[side]?.kind === 'missing-binary') return 'missing-binary';
  }
  for (const side of RENDER_SIDES) {
    const outcome = outcomes[side];
    if (outcome?.kind === 'failed') return `${outcome.reason} (${side} version)`;
  }
  return undefined;
}

function outputOf(outcome: RenderOutcome | undefined): string | undefined {
  return outcome?.kind === 'rendered' ? outcome.output : undefined;
}

function originsOf(outcome: RenderOutcome | undefined): Array<string | undefined> | undefined {
  return outcome?.kind === 'rendered' ? outcome.origins : undefined;
}

/**
 * The source files of one side's rendered documents, with their texts at that side (inside the
 * tree and under the size limit only): where findings on the rendered objects point.
 */
async function renderedSources(root: string | undefined, documents: Array<string | undefined> | undefined, maxFileBytes: number): Promise<RenderedSources | undefined> {
  if (root === undefined || documents === undefined) return undefined;
  const texts: Record<string, string> = {};
  for (const path of new Set(documents)) {
    if (path === undefined || !(await resolvesInside(root, absolutePath(root, path)))) continue;
    const text = await readSmallText(root, path, maxFileBytes);
    if (text !== undefined) texts[path] = text;
  }
  return { documents, texts };
}

async function sidesOf(roots: Roots, documents: Partial<Record<RenderSide, Array<string | undefined>>>, maxFileBytes: number): Promise<ChangedFile['sources']> {
  const [base, head] = await Promise.all(RENDER_SIDES.map((side) => renderedSources(roots[side], documents[side], maxFileBytes)));
  return base === undefined && head === undefined ? undefined : { ...(base ? { base } : {}), ...(head ? { head } : {}) };
}

function renderedFile(path: string, before: string | undefined, after: string | undefined, origin: RenderOrigin, maxFileBytes: number, sources?: ChangedFile['sources']): ChangedFile {
  const status = before === undefined ? 'added' : after === undefined ? 'removed' : 'modified';
  const size = Buffer.byteLength(after ?? before ?? '');
  const file: ChangedFile = { path, status, size, renderedFrom: origin, ...(sources ? { sources } : {}) };
  if (size > maxFileBytes || Buffer.byteLength(before ?? '') > maxFileBytes) {
    file.note = tooLargeNote(maxFileBytes);
    return file;
  }
  const diff = diffLines(before ?? '', after ?? '');
  if (diff.patch !== '') file.patch = diff.patch;
  if (before !== undefined) file.before = before;
  if (after !== undefined) file.after = after;
  return file;
}

/** A template source file inside a chart: what helm renders, as opposed to Chart.yaml, values files or CRDs. */
function isTemplateSource(chartDir: string, path: string): boolean {
  const prefix = chartDir === '' ? '' : `${chartDir}/`;
  return path.startsWith(prefix) && /(^|\/)templates\//.test(path.slice(prefix.length));
}

/** Every document of a template's rendered text comes from the template itself. */
function templateDocuments(rendered: string | undefined, path: string): Array<string | undefined> | undefined {
  return rendered === undefined ? undefined : rendered.split(/^---[ \t]*$/m).map(() => path);
}

async function addChartFiles(
  chartDir: string,
  outcomes: SideOutcomes,
  roots: Roots,
  changedPaths: readonly string[],
  maxFileBytes: number,
  replaced: Map<string, ChangedFile>,
  stripped: Map<string, string>,
): Promise<void> {
  const base = splitHelmOutput(outputOf(outcomes.base) ?? '');
  const head = splitHelmOutput(outputOf(outcomes.head) ?? '');
  const origin: RenderOrigin = { tool: 'helm', directory: chartDir };
  for (const template of new Set([...base.keys(), ...head.keys()])) {
    const before = base.get(template);
    const after = head.get(template);
    if (before === after) continue;
    const path = joinRepoPath(chartDir, template);
    const sources = await sidesOf(roots, { base: templateDocuments(before, path), head: templateDocuments(after, path) }, maxFileBytes);
    replaced.set(path, renderedFile(path, before, after, origin, maxFileBytes, sources));
  }
  for (const path of changedPaths) {
    if (isTemplateSource(chartDir, path) && !replaced.has(path)) stripped.set(path, `template of Helm chart ${chartDir || '.'}; its rendered output did not change`);
  }
}

async function addKustomizationFiles(
  directory: string,
  file: string,
  outcomes: SideOutcomes,
  roots: Roots,
  kustomizationOf: ReadonlyMap<string, string>,
  maxFileBytes: number,
  replaced: Map<string, ChangedFile>,
  stripped: Map<string, string>,
): Promise<void> {
  const before = outputOf(outcomes.base);
  const after = outputOf(outcomes.head);
  const path = joinRepoPath(directory, file);
  if (before !== after) {
    const origins = { base: originsOf(outcomes.base), head: originsOf(outcomes.head) };
    const sources = await sidesOf(roots, origins, maxFileBytes);
    replaced.set(path, renderedFile(path, before, after, { tool: 'kustomize', directory }, maxFileBytes, sources));
  }
  const changedTo = before !== after ? `read through the rendered output in ${path}` : 'its rendered output did not change';
  for (const [changedPath, owner] of kustomizationOf) {
    if (owner === directory && !replaced.has(changedPath)) stripped.set(changedPath, `part of kustomization ${directory || '.'}; ${changedTo}`);
  }
}

/**
 * The changed files of a kustomization built only through others (a base) are read through their
 * output once one of those built; if none did, they stay raw manifests, the same fallback as a failed build.
 */
function stripIncludedParts(
  includedBy: ReadonlyMap<string, readonly string[]>,
  built: ReadonlySet<string>,
  kustomizationOf: ReadonlyMap<string, string>,
  replaced: ReadonlyMap<string, ChangedFile>,
  stripped: Map<string, string>,
): void {
  for (const [changedPath, owner] of kustomizationOf) {
    const through = (includedBy.get(owner) ?? []).filter((directory) => built.has(directory));
    if (through.length === 0 || replaced.has(changedPath) || stripped.has(changedPath)) continue;
    stripped.set(changedPath, `part of kustomization ${owner || '.'}; read through the rendered output of ${through.map((directory) => directory || '.').join(', ')}`);
  }
}

/**
 * A raw source whose rendered form is in the change set (or rendered the same on both sides)
 * keeps its entry (status, patch, counts for hygiene rules) but not its text, so the iac stage
 * does not read a patch fragment or a template as a manifest of its own.
 */
function withoutRawText(file: ChangedFile, reason: string | undefined): ChangedFile {
  if (reason === undefined || (file.before === undefined && file.after === undefined)) return file;
  const { before: _before, after: _after, ...rest } = file;
  return { ...rest, omitted: reason };
}
