import { createHash } from 'node:crypto';
import type { ChangedFile } from '../changes/model.js';
import type { ResourceChange } from '../diff/model.js';
import { resourceKey, type Resource } from '../iac/model.js';
import { isRecord } from '../iac/values.js';
import type { RuleFinding } from './model.js';

/**
 * What a finding is about, independent of lines, messages and which side it was found on, so a
 * base finding and a head finding about the same problem get the same fingerprint.
 */

/**
 * The identity of an object: a Kubernetes object by API group, kind, namespace and name (not its
 * version, nor the chart or overlay that rendered it: the same object moved from a raw manifest
 * into an overlay, or to `apps/v1`, is the same object); a Terraform resource by root and address;
 * a CloudFormation resource by template and logical id.
 */
export function resourceIdentity(resource: Resource): string {
  if (resource.kind === 'kubernetes') {
    const apiVersion = typeof resource.meta.apiVersion === 'string' ? resource.meta.apiVersion : '';
    const slash = apiVersion.lastIndexOf('/');
    const group = slash === -1 ? '' : apiVersion.slice(0, slash);
    return `kubernetes:${group}/${resource.type}/${String(resource.meta.namespace ?? '')}/${String(resource.meta.name ?? '')}`;
  }
  return `${resource.kind}:${resource.scope ?? ''}:${resource.address}`;
}

function elementName(element: unknown): string | undefined {
  if (!isRecord(element)) return undefined;
  if (typeof element.name === 'string' && element.name !== '') return element.name;
  const metadata = element.metadata;
  return isRecord(metadata) && typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : undefined;
}

/**
 * An attribute path with list positions replaced by the element's name where it has one
 * (`spec.template.spec.containers.1.image` → `spec.template.spec.containers[web].image`): a
 * container inserted before another does not change the other's findings.
 */
export function attributeKey(resource: Resource, path: string): string {
  if (path === '') return '';
  let current: unknown = resource.attributes;
  let key = '';
  for (const segment of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      const element: unknown = current[Number(segment)];
      const name = elementName(element);
      key += name === undefined ? `.${segment}` : `[${name}]`;
      current = element;
    } else {
      key += key === '' ? segment : `.${segment}`;
      current = isRecord(current) ? current[segment] : undefined;
    }
  }
  return key;
}

export function fingerprintOf(ruleId: string, identity: string, key: string): string {
  return createHash('sha256').update(`${ruleId}\n${identity}\n${key}`).digest('hex').slice(0, 32);
}

/** The identity a finding on a change-level concern (a title, the commits, the cost delta) has: the change itself. */
const CHANGE_IDENTITY = 'change';

/**
 * Resolves the objects and files findings name to their identity, on either side of one change.
 * A base resource paired with a head one (same address, a `moved` block, a renamed file or root)
 * takes the head one's identity, so its findings pair with the head's.
 */
export class ObjectIdentities {
  private readonly head = new Map<string, string>();
  private readonly base = new Map<string, string>();
  private readonly headFiles = new Map<string, string>();
  /** Identities present at the head: where a base finding that disappeared was fixed rather than removed with its object. */
  private readonly present = new Set<string>();

  constructor(resources: readonly ResourceChange[], files: readonly ChangedFile[]) {
    for (const file of files) {
      if (file.previousPath !== undefined) this.headFiles.set(file.previousPath, file.path);
      if (file.status !== 'removed') this.present.add(fileIdentity(file.path));
    }
    for (const change of resources) {
      const headIdentity = change.after ? resourceIdentity(change.after) : undefined;
      if (change.after && headIdentity !== undefined) {
        this.head.set(resourceKey(change.after.scope, change.after.address), headIdentity);
        this.present.add(headIdentity);
      }
      if (change.before) this.base.set(resourceKey(change.before.scope, change.before.address), headIdentity ?? resourceIdentity(change.before));
    }
    for (const renamed of renamedObjects(resources, (path) => this.headPath(path))) this.present.add(renamed);
  }

  /** The head path of a file named on the base side (its own path unless the change renamed it). */
  headPath(basePath: string): string {
    return this.headFiles.get(basePath) ?? basePath;
  }

  identityOf(finding: RuleFinding, side: 'base' | 'head'): string {
    if (finding.resource !== undefined) {
      const key = resourceKey(finding.scope, finding.resource);
      const known = side === 'head' ? (this.head.get(key) ?? this.base.get(key)) : this.base.get(key);
      if (known !== undefined) return known;
      return `resource:${finding.scope ?? ''}:${finding.resource}`;
    }
    if (finding.file !== undefined) return fileIdentity(side === 'base' ? this.headPath(finding.file) : finding.file);
    return CHANGE_IDENTITY;
  }

  /** Whether the object (or file) still exists at the head, or was renamed there without a `moved` block. */
  presentAtHead(identity: string): boolean {
    return this.present.has(identity);
  }
}

function fileIdentity(path: string): string {
  return `file:${path}`;
}

/**
 * Objects the change removed while adding one of the same kind and type in the same file: the shape
 * of a rename without a `moved` block. The gate cannot know it is the same object, so it says so
 * honestly: the new one's findings are new, and the old one's findings are fixed (not silently gone).
 */
function renamedObjects(resources: readonly ResourceChange[], headPath: (basePath: string) => string): string[] {
  const added = new Set<string>();
  for (const change of resources) if (change.change === 'added' && change.after) added.add(`${change.after.kind}\0${change.type}\0${change.after.file}`);
  const renamed: string[] = [];
  for (const change of resources) {
    if (change.change !== 'removed' || !change.before) continue;
    if (added.has(`${change.before.kind}\0${change.type}\0${headPath(change.before.file)}`)) renamed.push(resourceIdentity(change.before));
  }
  return renamed;
}
