import { describe, expect, it } from 'vitest';
import { analysedPaths, detectInfrastructure, wantsText, type Detection, type RepositoryFile } from './detect.js';

const deployment = (name: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: ${name}
          image: registry.example.com/${name}:1.4.2
`;

/** A small repository with one of everything, and the look-alikes detection must pass over. */
const repository: RepositoryFile[] = [
  { path: 'README.md' },
  { path: 'infra/prod/main.tf', text: 'terraform {\n  backend "s3" {}\n}\n\nmodule "network" {\n  source = "../../modules/network"\n}\n' },
  { path: 'infra/prod/terraform.tfvars' },
  { path: 'infra/sandbox/main.tf', text: 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n' },
  { path: 'modules/network/main.tf', text: 'variable "cidr" {}\n\nresource "aws_vpc" "this" {\n  cidr_block = var.cidr\n}\n' },
  { path: 'modules/published/main.tf', text: 'resource "aws_s3_bucket" "logs" {}\n' },
  { path: 'modules/legacy/providers.tf', text: 'provider "aws" {\n  region = "eu-west-1"\n}\n' },
  { path: 'infra/prod/.terraform/modules/vendored/main.tf', text: 'provider "aws" {}\n' },
  { path: 'charts/web/Chart.yaml', text: 'apiVersion: v2\nname: web\nversion: 0.3.0\n' },
  { path: 'charts/web/values.yaml', text: 'replicas: 1\n' },
  { path: 'charts/web/values-production.yaml', text: 'replicas: 4\n' },
  { path: 'charts/web/values-staging.yaml', text: 'replicas: 2\n' },
  { path: 'charts/web/templates/deployment.yaml', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n' },
  { path: 'charts/web/charts/cache/Chart.yaml', text: 'apiVersion: v2\nname: cache\nversion: 1.0.0\n' },
  { path: 'deploy/base/kustomization.yaml', text: 'resources:\n  - deployment.yaml\n' },
  { path: 'deploy/base/deployment.yaml', text: deployment('api') },
  { path: 'deploy/overlays/prod/kustomization.yaml', text: 'resources:\n  - ../../base\ncomponents:\n  - ../../components/tracing\n' },
  { path: 'deploy/components/tracing/kustomization.yaml', text: 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: sidecar.yaml\n' },
  { path: 'deploy/components/tracing/sidecar.yaml', text: deployment('api') },
  { path: 'k8s/worker.yaml', text: deployment('worker') },
  { path: 'k8s/jobs/cleanup.yml', text: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cleanup\n' },
  { path: 'skaffold.yaml', text: 'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts: []\n' },
  { path: 'docker-compose.yml', text: 'services:\n  db:\n    image: postgres:16\n' },
  { path: '.github/workflows/ci.yml', text: 'on: push\njobs: {}\n' },
  { path: 'stacks/network.yaml', text: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n" },
  { path: 'stacks/queue.template', text: '{"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}}' },
  { path: 'package.json', text: '{"name": "shop", "scripts": {}}' },
  { path: 'k8s/huge.yaml' },
];

describe('detectInfrastructure', () => {
  const found = detectInfrastructure(repository);

  it('finds the Terraform roots: not called as a local module, and not a module published from modules/', () => {
    expect(found.terraformRoots).toEqual(['infra/prod', 'infra/sandbox', 'modules/legacy']);
    expect(found.terraformDirectories).toEqual(['infra/prod', 'infra/sandbox', 'modules/legacy', 'modules/network', 'modules/published']);
  });

  it('finds charts, not the subcharts inside them, and their production values files', () => {
    expect(found.helmCharts).toEqual(['charts/web']);
    expect(found.productionValues).toEqual(['values-production.yaml']);
  });

  it('tells kustomizations from the components they include', () => {
    expect(found.kustomizations).toEqual(['deploy/base', 'deploy/overlays/prod']);
    expect(found.kustomizeComponents).toEqual(['deploy/components/tracing']);
  });

  it('lists manifest folders no chart or kustomization owns, passing over tool configs and other YAML', () => {
    expect(found.manifestFolders).toEqual(['k8s', 'k8s/jobs']);
  });

  it('finds CloudFormation templates in YAML, JSON and .template files, and counts them as nothing else', () => {
    expect(found.cloudFormationTemplates).toEqual(['stacks/network.yaml', 'stacks/queue.template']);
  });

  it('finds nothing in a repository without infrastructure', () => {
    const nothing = detectInfrastructure([{ path: 'src/app.ts' }, { path: 'docs/guide.yml', text: 'title: Guide\n' }]);
    expect(Object.values(nothing).every((list: string[]) => list.length === 0)).toBe(true);
  });

  it('takes a Terraform directory with a provider at the top of the repository as the root `.`', () => {
    expect(detectInfrastructure([{ path: 'main.tf', text: 'provider "google" {}\n' }]).terraformRoots).toEqual(['.']);
  });

  it('reads a .tf.json root the same way', () => {
    const json = detectInfrastructure([{ path: 'modules/dns/main.tf.json', text: '{"provider": {"aws": {}}}' }]);
    expect(json.terraformRoots).toEqual(['modules/dns']);
  });
});

describe('wantsText', () => {
  it.each([
    ['infra/main.tf', true],
    ['infra/main.tf.json', true],
    ['infra/prod.tfvars', false],
    ['k8s/web.yaml', true],
    ['deploy/Kustomization', true],
    ['stacks/app.template', true],
    ['package.json', false],
    ['src/index.ts', false],
    ['infra/.terraform/modules/x/main.tf', false],
    ['web/node_modules/chart/values.yaml', false],
  ])('%s: %s', (path, wanted) => {
    expect(wantsText(path)).toBe(wanted);
  });
});

const detection = (overrides: Partial<Detection>): Detection => ({ ...detectInfrastructure([]), ...overrides });

describe('analysedPaths', () => {
  it.each([
    ['one glob per top-level directory, .github first', { terraformDirectories: ['infra/prod', 'modules/network'], helmCharts: ['charts/web'] }, ['.github/**', 'charts/**', 'infra/**', 'modules/**']],
    ['a place under .github adds nothing', { terraformDirectories: ['.github/terraform'], manifestFolders: ['k8s'] }, ['.github/**', 'k8s/**']],
    ['a template at the top means every file', { cloudFormationTemplates: ['template.yaml'], helmCharts: ['charts/web'] }, undefined],
    ['a root at the top means every file', { terraformDirectories: ['.'] }, undefined],
    ['nothing found means every file', {}, undefined],
  ])('%s', (_name, found, expected) => {
    expect(analysedPaths(detection(found))).toEqual(expected);
  });
});
