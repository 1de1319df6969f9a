import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The directory a kustomize build was asked for: tollgate builds through a wrapper kustomization
 * (in a temporary directory, asking for origin annotations) whose one resource is the real one.
 * Fake runners and call assertions see through it with this.
 */
export function builtDirectory(path: string): string {
  const wrapper = join(path, 'kustomization.yaml');
  if (!existsSync(wrapper)) return path;
  const text = readFileSync(wrapper, 'utf8');
  if (!text.includes('buildMetadata: [originAnnotations]')) return path;
  const entry = /^\s+-\s+"(.*)"$/m.exec(text)?.[1];
  return entry === undefined ? path : resolve(path, entry);
}
