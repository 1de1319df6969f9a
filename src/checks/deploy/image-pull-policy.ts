import type { Rule, RuleFinding } from '../model.js';
import { imagePin, isPlaceholder, type ImagePin } from './image-tag.js';
import { describe, findingAt, judgedWorkloads } from './kubernetes.js';

/** Tags that name a channel rather than a build: the registry moves them on every push or release. */
const MOVING_TAGS = new Set(['latest', 'main', 'master', 'develop', 'dev', 'edge', 'nightly', 'stable', 'snapshot', 'canary', 'head', 'trunk', 'current', 'lts', 'alpine']);

function movingTag(pin: ImagePin): string | undefined {
  if (pin.kind === 'latest') return 'latest';
  if (pin.kind === 'none') return 'no tag (latest)';
  if (pin.kind !== 'tag') return undefined;
  const tag = pin.tag.toLowerCase();
  return MOVING_TAGS.has(tag) || /-(latest|snapshot)$/.test(tag) ? pin.tag : undefined;
}

/** What the API server fills in when the field is unset: Always for `latest` or no tag, IfNotPresent otherwise. */
function defaultPolicy(pin: ImagePin): string {
  return pin.kind === 'latest' || pin.kind === 'none' ? 'Always' : 'IfNotPresent';
}

export const k8sImagePullPolicy: Rule = {
  id: 'k8s-image-pull-policy',
  title: 'Image pull policy fits the tag',
  category: 'deploy',
  severity: 'notice',
  docs: 'docs/rules/k8s-image-pull-policy.md',
  run: ({ resources }) => {
    const findings: RuleFinding[] = [];
    for (const { resource, template } of judgedWorkloads(resources)) {
      for (const ref of template.containers) {
        const { image, imagePullPolicy } = ref.container;
        if (typeof image !== 'string' || image.trim() === '' || isPlaceholder(image)) continue;
        const pin = imagePin(image);
        const written = typeof imagePullPolicy === 'string' ? imagePullPolicy : undefined;
        const policy = written ?? defaultPolicy(pin);
        const path = written === undefined ? `${ref.path}.image` : `${ref.path}.imagePullPolicy`;
        const where = `${describe(resource)}: container "${ref.name}" runs ${image} with imagePullPolicy ${policy}${written === undefined ? ' (the default)' : ''}`;
        const moving = movingTag(pin);
        if (policy === 'Never') {
          findings.push(findingAt(resource, path, `${where}; it starts only on nodes that already hold the image, elsewhere pods fail with ErrImageNeverPull.`, `Set imagePullPolicy: IfNotPresent on container "${ref.name}" (Always for a moving tag).`));
        } else if (moving !== undefined && policy !== 'Always') {
          findings.push(findingAt(resource, path, `${where}, but ${moving} is a moving tag; nodes that pulled it before keep running the old build, so pods of one rollout run different code.`, `Pin the image to a release tag or digest, or set imagePullPolicy: Always on container "${ref.name}".`));
        }
      }
    }
    return findings;
  },
};
