import { isRecord } from '../iac/values.js';

/**
 * Attribute paths in custom policies: `spec.template.spec.containers[*].image`,
 * `metadata.labels["app.kubernetes.io/name"]`, `ingress[0].from_port`. A list is entered only
 * through `[*]` (every element) or `[N]` (one), so a path says whether it means one value or many.
 */
export type PathSegment = { kind: 'key'; name: string } | { kind: 'each' } | { kind: 'index'; index: number };

export class PolicyPathError extends Error {}

const NAME = /^[A-Za-z0-9_$@:/-]+/;

/** Parses a path; throws PolicyPathError naming the position and what was expected. */
export function parsePath(text: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let rest = text;
  let position = 0;
  const fail = (expected: string): never => {
    throw new PolicyPathError(`path "${text}": expected ${expected} at character ${position + 1}`);
  };
  const advance = (length: number): void => {
    rest = rest.slice(length);
    position += length;
  };
  while (rest.length > 0) {
    if (segments.length > 0 && rest.startsWith('.')) advance(1);
    else if (segments.length > 0 && !rest.startsWith('[')) fail('"." or "["');
    if (rest.startsWith('[*]')) {
      segments.push({ kind: 'each' });
      advance(3);
      continue;
    }
    const index = /^\[(\d+)\]/.exec(rest);
    if (index) {
      segments.push({ kind: 'index', index: Number(index[1]) });
      advance(index[0].length);
      continue;
    }
    const quoted = /^\["((?:[^"\\]|\\.)*)"\]/.exec(rest);
    if (quoted) {
      segments.push({ kind: 'key', name: JSON.parse(`"${quoted[1] ?? ''}"`) as string });
      advance(quoted[0].length);
      continue;
    }
    const name = NAME.exec(rest);
    if (!name) fail('a field name, [*], [N] or ["key"]');
    segments.push({ kind: 'key', name: name?.[0] ?? '' });
    advance(name?.[0].length ?? 0);
  }
  if (segments.length === 0) fail('a field name');
  return segments;
}

/** The path as a policy writes it. */
export function formatPath(segments: readonly PathSegment[]): string {
  return segments
    .map((segment, position) => {
      if (segment.kind === 'each') return '[*]';
      if (segment.kind === 'index') return `[${segment.index}]`;
      if (!/^[A-Za-z0-9_$@:/-]+$/.test(segment.name)) return `[${JSON.stringify(segment.name)}]`;
      return position === 0 ? segment.name : `.${segment.name}`;
    })
    .join('');
}

/** A value a path reached, or the place where it stopped: `path` is dotted with list positions (`containers.0.image`), as parsers record lines. */
export interface Selected {
  path: string;
  /** The same place as a policy writes it: `containers[0].image`, `labels["app.kubernetes.io/name"]`. */
  display: string;
  present: boolean;
  value?: unknown;
}

function step(item: Selected, key: string | number, present: boolean, value?: unknown): Selected {
  const path = item.path === '' ? String(key) : `${item.path}.${key}`;
  const display = item.display + formatPath([typeof key === 'number' ? { kind: 'index', index: key } : { kind: 'key', name: key }]).replace(/^(?=[^[])/, item.display === '' ? '' : '.');
  return present ? { path, display, present, value } : { path, display, present };
}

/**
 * Every value `segments` reaches from `root`, one per element of each `[*]`. Where a step is
 * missing the result is not present and its path is the missing field's, so a finding points at
 * its parent's line. A field name that meets a list is a mistake in the policy: PolicyPathError.
 */
export function select(root: unknown, segments: readonly PathSegment[], written: string): Selected[] {
  let reached: Selected[] = [{ path: '', display: '', present: true, value: root }];
  for (const [position, segment] of segments.entries()) {
    const next: Selected[] = [];
    for (const item of reached) {
      // Every element of a list that is not there is no element at all; a missing field stays missing.
      if (!item.present) {
        if (segment.kind !== 'each') next.push(item);
        continue;
      }
      const { value } = item;
      if (segment.kind === 'each') {
        if (Array.isArray(value)) value.forEach((element, index) => next.push(step(item, index, true, element)));
        continue;
      }
      if (segment.kind === 'index') {
        next.push(Array.isArray(value) && segment.index < value.length ? step(item, segment.index, true, value[segment.index]) : step(item, segment.index, false));
        continue;
      }
      if (Array.isArray(value)) {
        const list = formatPath(segments.slice(0, position));
        throw new PolicyPathError(`path "${written}" reaches a list at ${list === '' ? 'its start' : `"${list}"`}; write ${list}[*] for every element or ${list}[0] for one`);
      }
      // YAML's `image:` with nothing after it is null, which Kubernetes and Terraform read as unset.
      const found = isRecord(value) && Object.hasOwn(value, segment.name) ? value[segment.name] : undefined;
      next.push(found === undefined || found === null ? step(item, segment.name, false) : step(item, segment.name, true, found));
    }
    reached = next;
  }
  return reached;
}
