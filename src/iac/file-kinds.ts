/** How the iac stage will read a file, decided from its path alone (cheap, before any content is read). */
/** `template`: a `.template` file, read only when it is a CloudFormation template (YAML or JSON). */
export type FileFormat = 'yaml' | 'json' | 'hcl' | 'tfvars' | 'template';

const NOT_INFRASTRUCTURE_JSON = new Set([
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'composer.json',
  'composer.lock',
  '.eslintrc.json',
  'renovate.json',
  'lerna.json',
]);

/** The file name of a repository path (`infra/main.tf` → `main.tf`). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function fileFormat(path: string): FileFormat | undefined {
  const name = baseName(path).toLowerCase();
  if (name.endsWith('.tf.json')) return 'json';
  if (name.endsWith('.tf') || name.endsWith('.hcl')) return 'hcl';
  if (name.endsWith('.tfvars')) return 'tfvars';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'yaml';
  if (name.endsWith('.template')) return 'template';
  if (name.endsWith('.json')) return NOT_INFRASTRUCTURE_JSON.has(name) ? undefined : 'json';
  return undefined;
}

/** Helm chart templates are Go templates that render to YAML; they are not YAML themselves. */
export function isHelmTemplate(path: string, text: string): boolean {
  return /(^|\/)templates\//.test(path) && text.includes('{{');
}
