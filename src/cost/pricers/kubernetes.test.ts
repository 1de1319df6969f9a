import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResourceChange } from '../../diff/model.js';
import type { Resource } from '../../iac/model.js';
import { priceChanges } from '../price.js';
import { parseQuantity } from './kubernetes.js';

describe('parseQuantity', () => {
  it.each<[unknown, number | undefined]>([
    ['500m', 0.5],
    ['2', 2],
    ['1.5', 1.5],
    ['256Mi', 256 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['1e3', 1000],
    [3, 3],
    ['', undefined],
    ['1Gb', undefined],
    ['-1', undefined],
    ['1e3Mi', undefined],
    ['lots', undefined],
    [null, undefined],
  ])('%j → %j', (input, expected) => {
    expect(parseQuantity(input)).toBe(expected);
  });

  it('never returns a negative, NaN or infinite number, whatever the string', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const parsed = parseQuantity(input);
        return parsed === undefined || (Number.isFinite(parsed) && parsed >= 0);
      }),
    );
  });

  it('reads back what it is given in Mi', () => {
    fc.assert(fc.property(fc.nat(1_000_000), (mebibytes) => parseQuantity(`${mebibytes}Mi`) === mebibytes * 2 ** 20));
  });
});

function workload(kind: string, spec: Record<string, unknown>, name = 'web'): Resource {
  return {
    kind: 'kubernetes',
    type: kind,
    address: `apps/v1/${kind}/shop/${name}`,
    attributes: { apiVersion: 'apps/v1', kind, metadata: { name, namespace: 'shop' }, spec },
    file: 'k8s/web.yaml',
    line: 1,
    endLine: 30,
    meta: { namespace: 'shop', name },
  };
}

const containers = [{ name: 'web', resources: { requests: { cpu: '500m', memory: '1Gi' } } }];
const settings = { region: 'us-east-1', kubernetesRates: {} };

function added(...resources: Resource[]): ResourceChange[] {
  return resources.map((item) => ({ address: item.address, kind: item.kind, type: item.type, change: 'added', after: item }));
}

describe('Kubernetes workloads', () => {
  it('prices requests × replicas × 730 h at the default rates', () => {
    const cost = priceChanges(added(workload('Deployment', { replicas: 4, template: { spec: { containers } } })), settings);
    // kubernetes-default-rates.csv: 0.5 vCPU × 0.031611 × 730 × 4 = 46.15206; 1 GiB × 0.004237 × 730 × 4 = 12.37204
    expect(cost.after).toBeCloseTo(46.15206 + 12.37204, 6);
  });

  it('uses configured rates', () => {
    const cost = priceChanges(added(workload('Deployment', { replicas: 1, template: { spec: { containers } } })), {
      ...settings,
      kubernetesRates: { cpuHour: 0.04, memoryGibHour: 0.005 },
    });
    // 0.5 × 0.04 × 730 = 14.6; 1 × 0.005 × 730 = 3.65
    expect(cost.after).toBeCloseTo(18.25, 6);
  });

  it('gives an HPA min–max as the range', () => {
    const hpa: Resource = {
      ...workload('HorizontalPodAutoscaler', { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10 }, 'web-hpa'),
      type: 'HorizontalPodAutoscaler',
    };
    const cost = priceChanges(added(workload('Deployment', { template: { spec: { containers } } }), hpa), settings);
    // one replica: 0.5 × 0.031611 × 730 + 1 × 0.004237 × 730 = 11.538015 + 3.09301 = 14.631025
    expect(cost.lines[0]?.range?.low).toBeCloseTo(2 * 14.631025, 6);
    expect(cost.lines[0]?.range?.high).toBeCloseTo(10 * 14.631025, 6);
    expect(cost.after).toBeCloseTo(2 * 14.631025, 6);
  });

  it('prices a PersistentVolumeClaim at 0.04 per GiB-month by default', () => {
    const claim: Resource = { ...workload('PersistentVolumeClaim', { resources: { requests: { storage: '100Gi' } } }), type: 'PersistentVolumeClaim' };
    // 0.00005479452 × 730 = 0.04 per GiB-month × 100
    expect(priceChanges(added(claim), settings).after).toBeCloseTo(4, 6);
  });

  it.each([
    ['no requests', workload('Deployment', { template: { spec: { containers: [{ name: 'web' }] } } }), /no container sets CPU or memory requests/],
    ['a bad quantity', workload('Deployment', { template: { spec: { containers: [{ name: 'web', resources: { requests: { cpu: 'two' } } }] } } }), /not a Kubernetes quantity/],
    ['a DaemonSet', workload('DaemonSet', { template: { spec: { containers } } }), /one pod per node/],
  ])('is unpriced with %s', (_name, item, reason) => {
    const cost = priceChanges(added(item), settings);
    expect(cost.unpriced[0]?.reason).toMatch(reason);
    expect(cost.lines).toEqual([]);
  });
});
