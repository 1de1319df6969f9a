/**
 * What `tollgate init` finds in a repository, from its file list and the texts of the files worth
 * reading: Terraform roots, Helm charts, kustomizations, folders of plain Kubernetes manifests and
 * CloudFormation templates. Pure: the caller lists and reads the files.
 */
import { CHART_FILE } from '../changes/render-helm.js';
import { isComponent, KUSTOMIZATION_FILES } from '../changes/render-kustomize.js';
import { localModuleDirectories } from '../changes/terraform-context.js';
import { looksLikeCloudFormation } from '../iac/cloudformation/index.js';
import { baseName, fileFormat, isHelmTemplate } from '../iac/file-kinds.js';
import { directoryOf, isTerraformConfigurationFile } from '../iac/terraform/configuration.js';

export interface RepositoryFile {
  /** From the repository root, with `/`. */
  path: string;
  /** Present for the files `wantsText` asks for that could be read. */
  text?: string;
}

export interface Detection {
  /** Directories (`.` for the top) that Terraform plans from. */
  terraformRoots: string[];
  /** Every directory with Terraform configuration: the roots and the local modules they call. */
  terraformDirectories: string[];
  helmCharts: string[];
  /** Directories with a kustomization that builds on its own. */
  kustomizations: string[];
  /** `kind: Component` kustomizations: mixins that only build inside the kustomizations listing them. */
  kustomizeComponents: string[];
  /** Directories of Kubernetes manifests that no chart or kustomization owns. */
  manifestFolders: string[];
  cloudFormationTemplates: string[];
  /** Values files beside charts' values.yaml that look like production's (`values-prod.yaml`). */
  productionValues: string[];
}

/** Directories of downloaded providers and modules: someone else's code, not this repository's. */
const VENDORED_DIRECTORY = /(^|\/)(\.terraform|node_modules|\.git)\//;

/**
 * Tool configurations written like Kubernetes objects (an apiVersion and a kind) that are never
 * applied to a cluster; a skaffold.yaml at the top would otherwise make the whole repository a
 * manifest folder.
 */
const TOOL_CONFIG_API_GROUPS = ['skaffold', 'kustomize.config.k8s.io', 'kind.x-k8s.io', 'kpt.dev', 'config.kubernetes.io'];

const KUSTOMIZATION_NAMES: ReadonlySet<string> = new Set(KUSTOMIZATION_FILES);

/** A block only a configuration that is planned on its own declares. */
const ROOT_BLOCK = /^\s*(?:provider|backend)\s+"[^"]+"\s*\{|^\s*cloud\s*\{|"(?:provider|backend|cloud)"\s*:/m;

const TOP_LEVEL_API_VERSION = /^apiVersion:[ \t]*["']?([^\s"'#]+)/m;
const TOP_LEVEL_KIND = /^kind:[ \t]*\S/m;

const PRODUCTION_VALUES = /^values[-._].*prod.*\.ya?ml$/i;

/** Whether `path` is `directory` itself or lies below it (`.` holds everything). */
function isWithin(path: string, directory: string): boolean {
  return directory === '.' || path === directory || path.startsWith(`${directory}/`);
}

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** The files whose text detection reads: Terraform configuration, YAML, JSON and `.template` files, kustomizations. */
export function wantsText(path: string): boolean {
  if (VENDORED_DIRECTORY.test(path)) return false;
  if (KUSTOMIZATION_NAMES.has(baseName(path))) return true;
  const format = fileFormat(path);
  return format !== undefined && format !== 'tfvars';
}

/**
 * A directory with Terraform configuration is a root when no other directory calls it as a local
 * module, and it either configures a provider or backend or lies outside a `modules/` folder: a
 * module published from this repository (called by version, never locally) is not planned here.
 */
function terraformRoots(files: readonly RepositoryFile[]): { roots: string[]; directories: string[] } {
  const configuration = files.filter((file) => isTerraformConfigurationFile(file.path) && !VENDORED_DIRECTORY.test(file.path));
  const directories = sortedUnique(configuration.map((file) => directoryOf(file.path)));
  const called = new Set(configuration.flatMap((file) => localModuleDirectories(file.path, file.text ?? '').filter((callee) => callee !== directoryOf(file.path))));
  const declaresRoot = new Set(configuration.filter((file) => ROOT_BLOCK.test(file.text ?? '')).map((file) => directoryOf(file.path)));
  const roots = directories.filter((directory) => !called.has(directory) && (declaresRoot.has(directory) || !directory.split('/').includes('modules')));
  return { roots, directories };
}

/** Charts with a Chart.yaml, not counting subcharts kept inside another chart: they render with their parent. */
function helmCharts(files: readonly RepositoryFile[]): string[] {
  const charts = sortedUnique(files.filter((file) => baseName(file.path) === CHART_FILE && !VENDORED_DIRECTORY.test(file.path)).map((file) => directoryOf(file.path)));
  return charts.filter((chart) => !charts.some((other) => other !== chart && isWithin(chart, other)));
}

function isKubernetesManifest(text: string): boolean {
  const apiVersion = TOP_LEVEL_API_VERSION.exec(text)?.[1];
  if (apiVersion === undefined || !TOP_LEVEL_KIND.test(text)) return false;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  return !TOOL_CONFIG_API_GROUPS.includes(group);
}

export function detectInfrastructure(files: readonly RepositoryFile[]): Detection {
  const terraform = terraformRoots(files);
  const charts = helmCharts(files);
  const inChart = (path: string): boolean => charts.some((chart) => isWithin(path, chart));
  const kustomizationFiles = files.filter((file) => KUSTOMIZATION_NAMES.has(baseName(file.path)) && !VENDORED_DIRECTORY.test(file.path) && !inChart(file.path));
  const components = sortedUnique(kustomizationFiles.filter((file) => file.text !== undefined && isComponent(file.text)).map((file) => directoryOf(file.path)));
  const kustomizations = sortedUnique(kustomizationFiles.map((file) => directoryOf(file.path))).filter((directory) => !components.includes(directory));
  const kustomized = new Set([...kustomizations, ...components]);
  const documents = files.filter((file) => file.text !== undefined && wantsText(file.path) && !KUSTOMIZATION_NAMES.has(baseName(file.path)) && !inChart(file.path));
  const templates = new Set(documents.filter((file) => fileFormat(file.path) !== 'hcl' && looksLikeCloudFormation(file.text ?? '')));
  const manifests = documents.filter((file) => fileFormat(file.path) === 'yaml' && !templates.has(file) && !isHelmTemplate(file.path, file.text ?? '') && isKubernetesManifest(file.text ?? ''));
  const productionValues = files.filter((file) => charts.includes(directoryOf(file.path)) && PRODUCTION_VALUES.test(baseName(file.path))).map((file) => baseName(file.path));
  return {
    terraformRoots: terraform.roots,
    terraformDirectories: terraform.directories,
    helmCharts: charts,
    kustomizations,
    kustomizeComponents: components,
    manifestFolders: sortedUnique(manifests.map((file) => directoryOf(file.path)).filter((directory) => !kustomized.has(directory))),
    cloudFormationTemplates: sortedUnique([...templates].map((file) => file.path)),
    productionValues: sortedUnique(productionValues),
  };
}

/**
 * Globs covering every place the detection found, one per top-level directory so a root added
 * next to the others later is covered too, plus `.github/**` (workflows, CODEOWNERS, tollgate's
 * own configuration). Undefined when something lies at the top of the repository, or nothing was
 * found: then only every file covers it.
 */
export function analysedPaths(detection: Detection): string[] | undefined {
  const places = [
    ...detection.terraformDirectories,
    ...detection.helmCharts,
    ...detection.kustomizations,
    ...detection.kustomizeComponents,
    ...detection.manifestFolders,
    ...detection.cloudFormationTemplates.map(directoryOf),
  ];
  if (places.length === 0 || places.includes('.')) return undefined;
  const tops = places.map((place) => place.split('/')[0] as string).filter((top) => top !== '.github');
  return ['.github/**', ...sortedUnique(tops).map((top) => `${top}/**`)];
}
