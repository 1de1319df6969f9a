import { describe, expect, it } from 'vitest';
import { asWorkload, disruptionBudgetsFor, headObjects } from './kubernetes.js';
import { kubernetesChanges } from './test-support.js';

const budget = (name: string, namespace: string, selector: string): string => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  minAvailable: 1
  selector: ${selector}
`;

const MANIFESTS = [
  `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web, tier: front } }
    spec: { containers: [{ name: web, image: web:1 }] }
`,
  budget('by-two-labels', 'shop', '{ matchLabels: { tier: front, app: web } }'),
  budget('by-expression', 'shop', '{ matchExpressions: [{ key: app, operator: In, values: [web, api] }] }'),
  budget('other-app', 'shop', '{ matchLabels: { app: api } }'),
  budget('one-label-wrong', 'shop', '{ matchLabels: { app: web, tier: back } }'),
  budget('other-namespace', 'ops', '{ matchLabels: { app: web } }'),
  budget('by-one-label', 'shop', '{ matchLabels: { app: web } }'),
  budget('empty', 'shop', '{}'),
].join('---\n');

describe('disruptionBudgetsFor', () => {
  it('finds the budgets whose selector covers the pods, in the namespace, in the order the change has them', () => {
    const heads = headObjects(kubernetesChanges(MANIFESTS));
    const web = heads.find((head) => head.type === 'Deployment');
    const workload = web ? asWorkload(web) : undefined;
    if (!workload) throw new Error('no workload');
    expect(disruptionBudgetsFor(workload, heads).map((head) => head.meta.name)).toEqual(['by-two-labels', 'by-expression', 'by-one-label']);
  });
});
