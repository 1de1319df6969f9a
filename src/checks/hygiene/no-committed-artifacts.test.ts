import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../changes/model.js';
import { emptyCost } from '../../cost/model.js';
import { plainConfig } from '../../test-support.js';
import { classifyArtifact, noCommittedArtifacts } from './no-committed-artifacts.js';

function run(files: ChangedFile[], options: Record<string, unknown> = {}) {
  return noCommittedArtifacts.run({ files, resources: [], parseIssues: [], suppressions: [], cost: emptyCost(), config: plainConfig(), options });
}

describe('no-committed-artifacts', () => {
  const flagged: Array<[string, string]> = [
    ['terraform.tfstate', 'Terraform state'],
    ['infra/prod/terraform.tfstate', 'Terraform state'],
    ['infra/terraform.tfstate.backup', 'Terraform state'],
    ['infra/TERRAFORM.TFSTATE', 'Terraform state'],
    ['plan.tfplan', 'a saved Terraform plan'],
    ['infra/tfplan', 'a saved Terraform plan'],
    ['infra/.terraform/providers/registry/aws/5.0/terraform-provider-aws', 'a .terraform working directory'],
    ['deploy/kubeconfig', 'a kubeconfig'],
    ['deploy/kubeconfig.yaml', 'a kubeconfig'],
    ['home/.kube/config', 'a kubeconfig'],
    ['.env', 'an environment file'],
    ['services/api/.env.production', 'an environment file'],
    ['certs/server.pem', 'a private key'],
    ['ops/id_rsa', 'a private key'],
    ['ops/id_ed25519', 'a private key'],
    ['infra/crash.log', 'a Terraform crash log'],
  ];
  it.each(flagged)('flags %s as %s', (path, what) => {
    expect(classifyArtifact(path)?.what).toBe(what);
  });

  const clean = [
    '.env.example',
    'services/api/.env.sample',
    'infra/main.tf',
    'infra/.terraform.lock.hcl',
    'infra/state.tf',
    'docs/tfstate.md',
    'ops/id_rsa.pub',
    'k8s/config.yaml',
    'environment.yaml',
  ];
  it.each(clean)('does not flag %s', (path) => {
    expect(classifyArtifact(path)).toBeUndefined();
  });

  it('reports added, modified and renamed files, not removed ones', () => {
    const findings = run([
      { path: 'a/terraform.tfstate', status: 'added' },
      { path: 'b/terraform.tfstate', status: 'modified' },
      { path: 'c/terraform.tfstate', previousPath: 'old/terraform.tfstate', status: 'renamed' },
      { path: 'd/terraform.tfstate', status: 'removed' },
    ]);
    expect(Array.isArray(findings) && findings.map((f) => f.file)).toEqual(['a/terraform.tfstate', 'b/terraform.tfstate', 'c/terraform.tfstate']);
  });

  it('names the file and the kind, and gives a fix', () => {
    expect(run([{ path: 'infra/terraform.tfstate', status: 'added' }])).toEqual([
      {
        message: 'infra/terraform.tfstate is Terraform state; it must not be committed.',
        fix: expect.stringContaining('remote backend'),
        file: 'infra/terraform.tfstate',
      },
    ]);
  });

  it('skips files matching the allow option', () => {
    const findings = run([{ path: 'test/fixtures/terraform.tfstate', status: 'added' }, { path: 'terraform.tfstate', status: 'added' }], {
      allow: ['test/fixtures/**'],
    });
    expect(Array.isArray(findings) && findings.map((f) => f.file)).toEqual(['terraform.tfstate']);
  });

  it('flags a tfvars file that sets a secret-looking value, at its line, without the value', () => {
    const password = ['Xk2#', 'pL9!qW4z'].join('');
    const files: ChangedFile[] = [
      { path: 'infra/prod.tfvars', status: 'added', after: `region = "us-east-1"\ndb_password = "${password}"\n` },
      { path: 'infra/dev.tfvars', status: 'added', after: 'region = "us-east-1"\ndb_password = var.from_ci\n' },
    ];
    const findings = run(files);
    expect(findings).toEqual([{ message: 'infra/prod.tfvars sets a high-entropy secret assignment in a committed variables file.', fix: expect.stringContaining('TF_VAR_'), file: 'infra/prod.tfvars', line: 2 }]);
    expect(JSON.stringify(findings)).not.toContain(password);
  });
});
