import { parse } from 'yaml';
import type { CommandRunner } from './render-command.js';
import { failureReason } from './render-command.js';
import { absolutePath, fileExists, joinRepoPath, readSmallText, resolvesInside, unsafeLink } from './render-fs.js';

export const CHART_FILE = 'Chart.yaml';

/** A Chart.yaml is a few hundred bytes; anything much larger is not read for its name. */
const CHART_FILE_LIMIT_BYTES = 256 * 1024;

/** Helm's own rule for release names (DNS label, at most 53 characters). */
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const RELEASE_NAME_MAX = 53;
const FALLBACK_RELEASE = 'release';

/**
 * The release name passed to `helm template`: the chart's own name when helm accepts it as a
 * release name. Anything else (including a name that starts with `-` and would read as a flag)
 * becomes `release`, so a PR cannot smuggle options into the command line.
 */
export function releaseName(chartYaml: string | undefined): string {
  if (chartYaml === undefined) return FALLBACK_RELEASE;
  let name: unknown;
  try {
    const value: unknown = parse(chartYaml, { maxAliasCount: 10, logLevel: 'error' });
    name = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).name : undefined;
  } catch {
    return FALLBACK_RELEASE;
  }
  return typeof name === 'string' && name.length <= RELEASE_NAME_MAX && RELEASE_NAME.test(name) ? name : FALLBACK_RELEASE;
}

export async function chartReleaseName(root: string, chartDir: string): Promise<string> {
  return releaseName(await readSmallText(root, joinRepoPath(chartDir, CHART_FILE), CHART_FILE_LIMIT_BYTES));
}

/**
 * Rendered YAML per template, keyed by the template's path inside the chart (`templates/x.yaml`,
 * `charts/sub/templates/y.yaml`). helm prefixes every document with `# Source: <chart>/<path>`;
 * documents of one template are joined in helm's order. Documents without a source line (there
 * are none in helm 3 output), or whose source is not a plain path inside the chart, are dropped
 * rather than guessed at.
 */
export function splitHelmOutput(output: string): Map<string, string> {
  const byTemplate = new Map<string, string[]>();
  for (const chunk of output.split(/^---[ \t]*$/m)) {
    const text = chunk.replace(/^\s*\n/, '').trimEnd();
    const source = /^# Source: ([^\n]+)/.exec(text);
    if (!source?.[1]) continue;
    const fullPath = source[1].trim();
    const slash = fullPath.indexOf('/');
    if (slash < 0) continue;
    const templatePath = fullPath.slice(slash + 1);
    // Output maps back to files of the chart only; a crafted source line must not name another path.
    if (templatePath.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) continue;
    const documents = byTemplate.get(templatePath) ?? [];
    documents.push(`${text}\n`);
    byTemplate.set(templatePath, documents);
  }
  return new Map([...byTemplate].map(([path, documents]) => [path, documents.join('---\n')]));
}

/** How one render went. `origins`, when known, gives the repository path each document of `output` is written in. */
export type RenderOutcome = { kind: 'rendered'; output: string; origins?: Array<string | undefined> } | { kind: 'missing-binary' } | { kind: 'failed'; reason: string };

/** Values files for one side: the chart's values.yaml, then each configured file that exists there, inside the repository. */
async function valuesFiles(root: string, chartDir: string, helmValues: readonly string[]): Promise<string[] | { refused: string }> {
  const files: string[] = [];
  for (const name of ['values.yaml', ...helmValues]) {
    const repoPath = joinRepoPath(chartDir, name);
    if (!(await fileExists(root, repoPath))) continue;
    const absolute = absolutePath(root, repoPath);
    if (!(await resolvesInside(root, absolute))) return { refused: `values file ${repoPath} is outside the repository` };
    if (!files.includes(absolute)) files.push(absolute);
  }
  return files;
}

/** `helm template` for one chart on one side. Paths are absolute, so none of them can read as a flag. */
export async function renderChart(run: CommandRunner, root: string, chartDir: string, release: string, helmValues: readonly string[]): Promise<RenderOutcome> {
  const link = await unsafeLink(root, chartDir);
  if (link !== undefined) return { kind: 'failed', reason: `not rendered: ${link}` };
  const values = await valuesFiles(root, chartDir, helmValues);
  if (!Array.isArray(values)) return { kind: 'failed', reason: `not rendered: ${values.refused}` };
  const args = ['template', release, absolutePath(root, chartDir), ...values.flatMap((file) => ['-f', file])];
  const result = await run('helm', args, { cwd: root });
  if (result.failure === 'not-found') return { kind: 'missing-binary' };
  if (result.failure !== undefined || result.exitCode !== 0) return { kind: 'failed', reason: failureReason(result) };
  return { kind: 'rendered', output: result.stdout };
}
