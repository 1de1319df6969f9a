import type { Resource } from '../iac/model.js';
import { attributeKey } from './identity.js';
import type { RuleFinding } from './model.js';

/**
 * The source line of a dotted attribute path, or of its nearest ancestor the parser recorded, else
 * the resource's own line: a missing field is annotated on its parent (a missing readinessProbe on
 * its container).
 */
export function lineAt(resource: Resource, path: string): number {
  const lines = resource.attributeLines ?? {};
  let current = path;
  while (current !== '') {
    const line = lines[current];
    if (line !== undefined) return line;
    const dot = current.lastIndexOf('.');
    current = dot === -1 ? '' : current.slice(0, dot);
  }
  return resource.line;
}

/**
 * A finding on a resource, annotated on the line of `path` (see lineAt). The path, with list
 * positions named (attributeKey), is also what tells this finding apart from the rule's others on
 * the same object, so a rule points at the field that is wrong or missing, not just near it.
 */
export function findingAt(resource: Resource, path: string, message: string, fix: string): RuleFinding {
  // An object from rendered output whose source could not be found: its line is the output's.
  const rendered = typeof resource.meta.renderedOutput === 'string' ? ` (line of the ${resource.meta.renderedOutput}; where it is written could not be found)` : '';
  return {
    message: message + rendered,
    fix,
    file: resource.file,
    line: lineAt(resource, path),
    resource: resource.address,
    ...(resource.scope !== undefined ? { scope: resource.scope } : {}),
    key: attributeKey(resource, path),
  };
}
