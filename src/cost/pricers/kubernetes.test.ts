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

  const sized = (name: string, cpu: string, memory: string, extra: Record<string, unknown> = {}) => ({ name, resources: { requests: { cpu, memory } }, ...extra });
  const sidecar = { restartPolicy: 'Always' };
  // [case, initContainers, containers, expected vCPU, expected GiB per pod]
  it.each<[string, unknown[], unknown[], number, number]>([
    ['no init containers: the app containers summed', [], [sized('web', '500m', '1Gi'), sized('log', '100m', '128Mi')], 0.6, 1.125],
    ['a smaller init container adds nothing', [sized('migrate', '200m', '256Mi')], [sized('web', '500m', '1Gi')], 0.5, 1],
    ['a larger init container sets the size', [sized('warm-cache', '2', '4Gi')], [sized('web', '500m', '1Gi')], 2, 4],
    ['per resource: the init CPU, the app memory', [sized('compile', '1500m', '64Mi')], [sized('web', '500m', '1Gi')], 1.5, 1],
    ['an init container without requests counts as nothing', [{ name: 'chown' }], [sized('web', '500m', '1Gi')], 0.5, 1],
    ['a native sidecar adds to the app containers', [sized('proxy', '250m', '512Mi', sidecar)], [sized('web', '500m', '1Gi')], 0.75, 1.5],
    ['an init step after a sidecar runs beside it', [sized('proxy', '250m', '512Mi', sidecar), sized('migrate', '1', '256Mi')], [sized('web', '500m', '1Gi')], 1.25, 1.5],
    ['an init step before a sidecar runs alone', [sized('migrate', '1', '256Mi'), sized('proxy', '250m', '512Mi', sidecar)], [sized('web', '500m', '1Gi')], 1, 1.5],
    ['an init limit stands in for its request', [{ name: 'warm-cache', resources: { limits: { cpu: '3', memory: '2Gi' } } }], [sized('web', '500m', '1Gi')], 3, 2],
  ])('sizes a pod as the scheduler does: %s', (_name, initContainers, appContainers, cpu, gib) => {
    // $1 per vCPU-hour and per GiB-hour: a component's monthly cost is its size × 730.
    const cost = priceChanges(added(workload('Deployment', { replicas: 1, template: { spec: { initContainers, containers: appContainers } } })), { ...settings, kubernetesRates: { cpuHour: 1, memoryGibHour: 1 } });
    const [cpuComponent, memoryComponent] = cost.lines[0]?.components ?? [];
    expect(cpuComponent?.monthly).toBeCloseTo(cpu * 730, 6);
    expect(memoryComponent?.monthly).toBeCloseTo(gib * 730, 6);
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
