import { describe, expect, it } from 'vitest';
import type { ResourceChange } from '../diff/model.js';
import type { Resource } from '../iac/model.js';
import { attributeKey, fingerprintOf, ObjectIdentities, resourceIdentity } from './identity.js';

function k8s(apiVersion: string, kind: string, name: string, extra: Partial<Resource> = {}): Resource {
  return {
    kind: 'kubernetes',
    type: kind,
    address: `${apiVersion}/${kind}/shop/${name}`,
    attributes: {},
    file: 'k8s/app.yaml',
    line: 1,
    endLine: 20,
    meta: { apiVersion, namespace: 'shop', name },
    ...extra,
  };
}

function terraform(address: string, scope: string, file = `${scope}/main.tf`): Resource {
  return { kind: 'terraform', type: address.split('.')[0] ?? '', address, scope, attributes: {}, file, line: 1, endLine: 5, meta: {} };
}

describe('resourceIdentity', () => {
  it('names a Kubernetes object by group, kind, namespace and name, not by version or the overlay that rendered it', () => {
    const raw = k8s('apps/v1', 'Deployment', 'web');
    const rendered = k8s('apps/v1beta2', 'Deployment', 'web', { scope: 'deploy/overlays/prod', file: 'deploy/overlays/prod/kustomization.yaml' });
    expect(resourceIdentity(raw)).toBe('kubernetes:apps/Deployment/shop/web');
    expect(resourceIdentity(rendered)).toBe(resourceIdentity(raw));
    expect(resourceIdentity(k8s('v1', 'Service', 'web'))).toBe('kubernetes:/Service/shop/web');
    expect(resourceIdentity(k8s('v1', 'Service', 'api'))).not.toBe(resourceIdentity(k8s('v1', 'Service', 'web')));
  });

  it('names a Terraform resource by root and address, so two roots declaring one address stay apart', () => {
    expect(resourceIdentity(terraform('aws_instance.web', 'envs/prod'))).toBe('terraform:envs/prod:aws_instance.web');
    expect(resourceIdentity(terraform('aws_instance.web', 'envs/dev'))).not.toBe(resourceIdentity(terraform('aws_instance.web', 'envs/prod')));
  });
});

describe('attributeKey', () => {
  const deployment = k8s('apps/v1', 'Deployment', 'web', {
    attributes: { spec: { template: { spec: { containers: [{ name: 'sidecar' }, { name: 'web', ports: [{ containerPort: 80 }] }] } } }, volumeClaimTemplates: [{ metadata: { name: 'data' } }] },
  });

  it('names list elements by their name, so inserting a container does not change another one’s key', () => {
    expect(attributeKey(deployment, 'spec.template.spec.containers.1.image')).toBe('spec.template.spec.containers[web].image');
    expect(attributeKey(deployment, 'volumeClaimTemplates.0')).toBe('volumeClaimTemplates[data]');
  });

  it('keeps the position where an element has no name, and the path where it does not exist', () => {
    expect(attributeKey(deployment, 'spec.template.spec.containers.1.ports.0')).toBe('spec.template.spec.containers[web].ports.0');
    expect(attributeKey(deployment, 'spec.minReadySeconds')).toBe('spec.minReadySeconds');
    expect(attributeKey(deployment, '')).toBe('');
  });
});

describe('fingerprintOf', () => {
  it('is a fixed-length hash that changes with each of its parts', () => {
    const base = fingerprintOf('k8s-replicas', 'kubernetes:apps/Deployment/shop/web', 'spec.replicas');
    expect(base).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprintOf('k8s-pdb', 'kubernetes:apps/Deployment/shop/web', 'spec.replicas')).not.toBe(base);
    expect(fingerprintOf('k8s-replicas', 'kubernetes:apps/Deployment/shop/api', 'spec.replicas')).not.toBe(base);
    expect(fingerprintOf('k8s-replicas', 'kubernetes:apps/Deployment/shop/web', '')).not.toBe(base);
  });
});

describe('ObjectIdentities', () => {
  it('gives a base resource moved to a new address the identity of the head one', () => {
    const before = terraform('aws_db_instance.old', 'infra');
    const after = terraform('aws_db_instance.main', 'infra');
    const changes: ResourceChange[] = [{ address: after.address, scope: 'infra', kind: 'terraform', type: 'aws_db_instance', change: 'unchanged', previousAddress: before.address, before, after }];
    const identities = new ObjectIdentities(changes, []);
    const head = identities.identityOf({ message: 'm', fix: 'f', resource: after.address, scope: 'infra' }, 'head');
    const base = identities.identityOf({ message: 'm', fix: 'f', resource: before.address, scope: 'infra' }, 'base');
    expect(base).toBe(head);
    expect(identities.presentAtHead(head)).toBe(true);
  });

  it('follows a renamed file for findings about the file, and knows which files are gone', () => {
    const identities = new ObjectIdentities([], [
      { path: 'infra/state/terraform.tfstate', previousPath: 'terraform.tfstate', status: 'renamed' },
      { path: 'old.tfstate', status: 'removed' },
    ]);
    const base = identities.identityOf({ message: 'm', fix: 'f', file: 'terraform.tfstate' }, 'base');
    expect(base).toBe(identities.identityOf({ message: 'm', fix: 'f', file: 'infra/state/terraform.tfstate' }, 'head'));
    expect(identities.presentAtHead(base)).toBe(true);
    expect(identities.presentAtHead(identities.identityOf({ message: 'm', fix: 'f', file: 'old.tfstate' }, 'base'))).toBe(false);
    expect(identities.identityOf({ message: 'a title' , fix: 'f' }, 'head')).toBe('change');
  });

  it('counts a removed object as present when the change adds one of the same type in the same file (a rename without `moved`)', () => {
    const old = terraform('aws_instance.a', 'infra');
    const renamed = terraform('aws_instance.b', 'infra');
    const elsewhere = terraform('aws_s3_bucket.logs', 'infra', 'infra/storage.tf');
    const changes: ResourceChange[] = [
      { address: old.address, scope: 'infra', kind: 'terraform', type: 'aws_instance', change: 'removed', before: old },
      { address: renamed.address, scope: 'infra', kind: 'terraform', type: 'aws_instance', change: 'added', after: renamed },
      { address: elsewhere.address, scope: 'infra', kind: 'terraform', type: 'aws_s3_bucket', change: 'removed', before: elsewhere },
    ];
    const identities = new ObjectIdentities(changes, []);
    expect(identities.presentAtHead(resourceIdentity(old))).toBe(true);
    expect(identities.presentAtHead(resourceIdentity(elsewhere))).toBe(false);
  });
});
