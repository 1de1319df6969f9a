import { docsUrl } from '../meta.js';
import { analysedPaths, type Detection } from './detect.js';

/**
 * The schema as raw JSON: the YAML language server reads the URL it is given, and GitHub's page
 * for the file (`…/blob/main/…`) is HTML.
 */
export const CONFIG_SCHEMA_URL = 'https://raw.githubusercontent.com/tollgate-dev/tollgate/main/schema/tollgate.schema.json';

/** How many places of one kind the header names before it counts the rest. */
const LISTED_PER_KIND = 8;

/** A path in a comment: a control character (a newline in a file name) must not end the comment. */
function shown(path: string): string {
  return path.replace(/\p{Cc}/gu, '?');
}

function listed(places: readonly string[]): string {
  if (places.length === 0) return 'none';
  const named = places.slice(0, LISTED_PER_KIND).map(shown).join(', ');
  return places.length > LISTED_PER_KIND ? `${named} and ${places.length - LISTED_PER_KIND} more` : named;
}

/** What the detection found, by kind, for the config's header and the command's output. */
export function foundKinds(detection: Detection): Array<{ kind: string; places: string[] }> {
  return [
    { kind: 'Terraform roots', places: detection.terraformRoots },
    { kind: 'Helm charts', places: detection.helmCharts },
    { kind: 'Kustomizations', places: detection.kustomizations },
    { kind: 'Kustomize components', places: detection.kustomizeComponents },
    { kind: 'Kubernetes manifests', places: detection.manifestFolders },
    { kind: 'CloudFormation templates', places: detection.cloudFormationTemplates },
  ];
}

export function foundSummary(detection: Detection): string[] {
  const found = foundKinds(detection).filter((entry) => entry.places.length > 0);
  if (found.length === 0) return ['no infrastructure files; the gate still checks the change itself (secrets, committed state, size, commits)'];
  return found.map((entry) => `${entry.kind} (${entry.places.length}): ${listed(entry.places)}`);
}

/** A YAML list of strings; JSON strings are YAML double-quoted scalars, whatever a path holds. */
function yamlList(indent: string, values: readonly string[]): string[] {
  return values.map((value) => `${indent}- ${JSON.stringify(value)}`);
}

/** `.github/tollgate.yml` for what the detection found: only keys the schema accepts. */
export function configText(detection: Detection): string {
  const paths = analysedPaths(detection);
  const lines = [
    `# yaml-language-server: $schema=${CONFIG_SCHEMA_URL}`,
    `# tollgate's settings, written by \`tollgate init\`. Every key: ${docsUrl('docs/config.md')}`,
    '# Found in this repository:',
    ...foundSummary(detection).map((line) => `#   ${line}`),
    '',
    '# The built-in rule levels; `strict` also fails the gate on warnings.',
    'extends: default',
  ];
  if (paths) {
    lines.push(
      '',
      '# Only these files are analysed: where the infrastructure above lives, and .github/ (workflows,',
      '# CODEOWNERS, this file). Other files are not read at all, not even for committed secrets or',
      '# Terraform state: delete `paths` to analyse every file.',
      'paths:',
      ...yamlList('  ', paths),
    );
  }
  if (detection.productionValues.length > 0) {
    lines.push(
      '',
      'kubernetes:',
      "  # Rendered after each chart's values.yaml, where the chart has the file, so the gate judges",
      '  # the manifests production runs.',
      '  helm-values:',
      ...yamlList('    ', detection.productionValues),
    );
  }
  return `${lines.join('\n')}\n`;
}
