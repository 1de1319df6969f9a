import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runGate } from '../../gate.js';
import { changeSet, plainConfig } from '../../test-support.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/kubernetes/${name}`, import.meta.url), 'utf8');

/** The fixture as an added file at a production path (a path under test/ would count as non-production). */
function gate(name: string, path = 'deploy/shop/checkout.yaml') {
  const report = runGate({ config: plainConfig(), changes: changeSet([{ path, status: 'added', after: fixture(name) }]) });
  return report.findings.filter((finding) => finding.category === 'deploy');
}

describe('a Deployment + Service + HPA + PDB app through the gate', () => {
  it('passes clean when every rollout safeguard is there', () => {
    expect(gate('app/clean.yaml')).toEqual([]);
  });

  it('reports each missing safeguard of the risky version on its line', () => {
    const findings = gate('app/risky.yaml');
    // Reviewed by hand against risky.yaml: each line is the offending field, or its parent when the field is missing.
    expect(findings.map((f) => `${f.line} ${f.ruleId}`).sort()).toEqual(
      [
        '9 k8s-rollout-timing', // no minReadySeconds → on spec
        '9 k8s-rollout-timing', // no progressDeadlineSeconds → on spec
        '10 k8s-hpa-replicas-conflict', // replicas: 3 while the HPA scales it
        '11 k8s-rollout-timing', // revisionHistoryLimit: 0
        '13 k8s-rolling-update', // type: Recreate
        '19 k8s-network-policy', // no NetworkPolicy in the change selects the pods (strict preset only; plainConfig runs every rule)
        '21 k8s-spread', // pod spec without anti-affinity or spread
        '23 k8s-readiness-probe', // the container declares a port, has no readinessProbe
        '23 k8s-security-context', // no securityContext: runAsNonRoot, allowPrivilegeEscalation, readOnlyRootFilesystem unset
        '24 k8s-image-tag', // :latest
        '33 k8s-resource-limits', // memory limit 256Mi below the 512Mi request
        '45 k8s-selector-match', // Service selects app=checkout, pods are labelled app.kubernetes.io/name
        '57 k8s-hpa', // minReplicas unset → 1
        '62 k8s-hpa', // maxReplicas 1 is not above min
        '64 k8s-deprecated-api', // policy/v1beta1
        '70 k8s-pdb-allows-eviction', // minAvailable: 100%
      ].sort(),
    );
    for (const finding of findings) {
      expect(finding.file).toBe('deploy/shop/checkout.yaml');
      expect(finding.resource).toMatch(/\/shop\/checkout$/);
      expect(finding.message).toMatch(/shop\/checkout/);
      expect(finding.fix).not.toBe('');
    }
    expect(findings.filter((f) => f.severity === 'error')).toHaveLength(6);
  });

  it('relaxes production-only rules for a non-production path', () => {
    const ids = gate('app/risky.yaml', 'deploy/staging/checkout.yaml').map((f) => f.ruleId);
    expect(ids).not.toContain('k8s-spread');
    expect(ids.filter((id) => id === 'k8s-hpa')).toHaveLength(1);
  });
});
