import type { Rule, RuleFinding } from '../model.js';
import { describe, findingAt, judgedWorkloads } from './kubernetes.js';

/** How an image reference pins what runs: by digest, by tag, by the mutable `latest`, or not at all. */
export type ImagePin = { kind: 'digest' } | { kind: 'tag'; tag: string } | { kind: 'latest' } | { kind: 'none' };

/**
 * Reads `registry:port/path/name:tag@sha256:…`: the tag is after the last `:` of the last path
 * segment, so a registry port (`localhost:5000/app`) is not mistaken for one.
 */
export function imagePin(image: string): ImagePin {
  if (/@sha256:[0-9a-f]{64}$/i.test(image)) return { kind: 'digest' };
  const name = image.slice(image.lastIndexOf('/') + 1);
  const colon = name.lastIndexOf(':');
  if (colon === -1 || colon === name.length - 1) return { kind: 'none' };
  const tag = name.slice(colon + 1);
  return tag === 'latest' ? { kind: 'latest' } : { kind: 'tag', tag };
}

/** `$(VAR)`, `${VAR}` and `{{ }}`: filled in by a later tool, so the gate cannot know the tag. */
export function isPlaceholder(image: string): boolean {
  return /\$\(|\$\{|\{\{/.test(image);
}

export const k8sImageTag: Rule = {
  id: 'k8s-image-tag',
  title: 'Images are pinned to a tag (or digest)',
  category: 'deploy',
  severity: 'error',
  docs: 'docs/rules/k8s-image-tag.md',
  options: {
    'require-digest': {
      title: 'Require digests',
      description: 'Report images pinned by tag only: a tag can be pushed again, a digest cannot (on in the strict preset).',
      type: 'boolean',
      default: false,
    },
  },
  run: ({ resources, options }) => {
    const requireDigest = options['require-digest'] === true;
    const findings: RuleFinding[] = [];
    for (const { resource, template } of judgedWorkloads(resources)) {
      for (const ref of template.containers) {
        const image = ref.container.image;
        const path = `${ref.path}.image`;
        if (typeof image !== 'string' || image.trim() === '') {
          findings.push(findingAt(resource, path, `${describe(resource)}: container "${ref.name}" names no image.`, `Set the image of container "${ref.name}" with an explicit version tag.`));
          continue;
        }
        if (isPlaceholder(image)) continue;
        const pin = imagePin(image);
        const where = `${describe(resource)}: container "${ref.name}" runs ${image}`;
        if (pin.kind === 'latest' || pin.kind === 'none') {
          const why = pin.kind === 'latest' ? 'the mutable tag latest' : 'no tag, which means latest';
          findings.push(findingAt(resource, path, `${where}, ${why}; each node may pull a different build and a rollback restores nothing.`, `Pin the image to a release tag or digest (for example ${image.replace(/:latest$/, '')}:1.4.2).`));
        } else if (pin.kind === 'tag' && requireDigest) {
          findings.push(findingAt(resource, path, `${where}, pinned by tag only; the tag can be pushed again.`, `Pin by digest: ${image}@sha256:<digest> (tools like crane or skopeo print it).`));
        }
      }
    }
    return findings;
  },
};
