import type { Resource } from '../../iac/model.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `pattern` appears in `text` as a whole word: `shop-dev` and `envs/dev/` contain `dev`, `devops` and `latest` do not. */
function containsWord(text: string, pattern: string): boolean {
  if (pattern === '') return false;
  return wordPattern(pattern).test(text.toLowerCase());
}

const wordPatterns = new Map<string, RegExp>();

/** Compiled once per pattern: every workload of a large change is tested against each. */
function wordPattern(pattern: string): RegExp {
  let compiled = wordPatterns.get(pattern);
  if (compiled === undefined) {
    compiled = new RegExp(`(^|[^a-z0-9])${escapeRegExp(pattern.toLowerCase())}($|[^a-z0-9])`);
    wordPatterns.set(pattern, compiled);
  }
  return compiled;
}

/**
 * Which non-production pattern marks this workload, if any: its namespace, one of its label values,
 * its file path or its scope contains one as a word. The scope is where the environment is written
 * when the file is shared: the Terraform root that deploys a module (`live/dev` calling
 * `modules/db`), the overlay or chart that renders a base manifest. Production is the default, so a
 * gate that knows nothing about the environment holds every workload to production standards.
 */
export function nonProductionMarker(resource: Resource, patterns: readonly string[]): string | undefined {
  const namespace = typeof resource.meta.namespace === 'string' ? resource.meta.namespace : '';
  const places = [namespace, ...Object.values(resource.labels ?? {}), resource.file, resource.scope ?? ''];
  return patterns.find((pattern) => places.some((place) => containsWord(place, pattern)));
}

export function isProduction(resource: Resource, patterns: readonly string[]): boolean {
  return nonProductionMarker(resource, patterns) === undefined;
}
