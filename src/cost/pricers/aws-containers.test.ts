import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ResourceChange } from '../../diff/model.js';
import { runGate } from '../../gate.js';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { changeSet, plainConfig } from '../../test-support.js';
import { Catalog } from '../catalog.js';
import { priceChanges } from '../price.js';
import { HOURS_PER_MONTH } from '../pricing.js';

function resource(type: string, name: string, attributes: Record<string, unknown>): Resource {
  const kind = type.startsWith('AWS::') ? 'cloudformation' : 'terraform';
  const address = kind === 'cloudformation' ? `stack.yaml#${name}` : `${type}.${name}`;
  return { kind, type, address, attributes, file: kind === 'cloudformation' ? 'stack.yaml' : 'main.tf', line: 1, endLine: 9, meta: kind === 'cloudformation' ? { logicalId: name } : {} };
}

function added(...resources: Resource[]): ResourceChange[] {
  return resources.map((item) => ({ address: item.address, kind: item.kind, type: item.type, change: 'added', after: item }));
}

const US = { region: 'us-east-1', kubernetesRates: {} };
const taskDefinition = (attributes: Record<string, unknown>) => resource('aws_ecs_task_definition', 'app', { family: 'app', requires_compatibilities: ['FARGATE'], ...attributes });
const service = (attributes: Record<string, unknown>) => resource('aws_ecs_service', 'app', { name: 'app', task_definition: unknownValue('aws_ecs_task_definition.app.arn'), ...attributes });
const cfnTask = (properties: Record<string, unknown>) => resource('AWS::ECS::TaskDefinition', 'Task', { Type: 'AWS::ECS::TaskDefinition', Properties: { Family: 'orders', ...properties } });
const cfnService = (properties: Record<string, unknown>) => resource('AWS::ECS::Service', 'Service', { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: unknownValue('Ref Task'), ...properties } });

function serviceLine(changes: ResourceChange[]) {
  const cost = priceChanges(changes, US);
  expect(cost.unpriced).toEqual([]);
  const line = cost.lines.find((item) => item.type === 'aws_ecs_service' || item.type === 'AWS::ECS::Service');
  if (!line) throw new Error('no service line');
  return line;
}

describe('ECS service pricer: Application Auto Scaling bounds', () => {
  const task = taskDefinition({ cpu: 512, memory: '1024' });
  // one task: 0.5 vCPU × 29.55 + 1 GB × 3.245 = 18.02
  const perTask = 0.5 * 29.55 + 1 * 3.245;
  const target = (resourceId: unknown, min: number, max: number) =>
    resource('aws_appautoscaling_target', 'app', { service_namespace: 'ecs', scalable_dimension: 'ecs:service:DesiredCount', resource_id: resourceId, min_capacity: min, max_capacity: max });

  it.each<[string, unknown]>([
    ['a reference to the service', unknownValue('service/${aws_ecs_cluster.main.name}/${aws_ecs_service.app.name}')],
    ['the literal service id', 'service/shop/app'],
  ])('takes min–max tasks as the range when the target names the service by %s', (_how, resourceId) => {
    const line = serviceLine(added(service({ launch_type: 'FARGATE', desired_count: 2 }), task, target(resourceId, 2, 10)));
    expect(line.after).toBeCloseTo(2 * perTask, 6);
    expect(line.range?.low).toBeCloseTo(2 * perTask, 6);
    expect(line.range?.high).toBeCloseTo(10 * perTask, 6);
    expect(line.note).toContain('Application Auto Scaling runs 2–10 tasks');
  });

  it('ignores targets of another service or namespace, and CloudFormation targets by logical id', () => {
    const other = serviceLine(added(service({ launch_type: 'FARGATE', desired_count: 2 }), task, target('service/shop/app-canary', 2, 10)));
    expect(other.range).toBeUndefined();
    const dynamo = resource('aws_appautoscaling_target', 'table', { service_namespace: 'dynamodb', resource_id: 'service/shop/app', min_capacity: 1, max_capacity: 5 });
    expect(serviceLine(added(service({ launch_type: 'FARGATE', desired_count: 2 }), task, dynamo)).range).toBeUndefined();
    const cfnTarget = resource('AWS::ApplicationAutoScaling::ScalableTarget', 'Scaling', {
      Type: 'AWS::ApplicationAutoScaling::ScalableTarget',
      Properties: { ServiceNamespace: 'ecs', ResourceId: unknownValue('Fn::Join service/${Ref Cluster}/${Fn::GetAtt Service.Name}'), MinCapacity: 1, MaxCapacity: 4 },
    });
    const cfn = serviceLine(added(cfnService({ LaunchType: 'FARGATE', DesiredCount: 1 }), cfnTask({ Cpu: '512', Memory: '1024' }), cfnTarget));
    expect(cfn.range?.high).toBeCloseTo(4 * perTask, 6);
  });
});

describe('ECS service pricer', () => {
  it('reads the data rows as monthly rates: 29.55 and 3.245 a month are AWS Fargate hourly rates × 730', () => {
    // aws.amazon.com/fargate/pricing (us-east-1, Linux/x86): $0.04048 per vCPU-hour, $0.004445 per GB-hour
    const catalog = new Catalog();
    expect((catalog.component('aws', 'aws_ecs_service', 'us-east-1', 'Per vCPU per hour')?.usd ?? 0) / HOURS_PER_MONTH).toBeCloseTo(0.04048, 5);
    expect((catalog.component('aws', 'aws_ecs_service', 'us-east-1', 'Per GB per hour')?.usd ?? 0) / HOURS_PER_MONTH).toBeCloseTo(0.004445, 6);
  });

  it.each<[string, ResourceChange[], number]>([
    // cpu 512 = 0.5 vCPU × 2 tasks × 29.55 = 29.55; memory 1024 MiB = 1 GB × 2 × 3.245 = 6.49 → 36.04
    ['Terraform, launch_type FARGATE, related by reference', added(service({ launch_type: 'FARGATE', desired_count: 2 }), taskDefinition({ cpu: 512, memory: '1024' })), 36.04],
    // the same task by family name "app:7"
    ['Terraform, related by family:revision', added(service({ launch_type: 'FARGATE', desired_count: 2, task_definition: 'app:7' }), taskDefinition({ cpu: '512', memory: '1024' })), 36.04],
    // inside a module, the reference omits the module prefix: the same 36.04
    [
      'Terraform, inside a module',
      added(
        { ...service({ launch_type: 'FARGATE', desired_count: 2 }), address: 'module.api.aws_ecs_service.app', module: 'module.api' },
        { ...taskDefinition({ cpu: 512, memory: 1024 }), address: 'module.api.aws_ecs_task_definition.app', module: 'module.api' },
      ),
      36.04,
    ],
    // capacity provider FARGATE: 1 vCPU × 3 × 29.55 = 88.65 + 2 GB × 3 × 3.245 = 19.47 → 108.12
    ['Terraform, capacity provider FARGATE', added(service({ desired_count: 3, capacity_provider_strategy: [{ capacity_provider: 'FARGATE', weight: 1 }] }), taskDefinition({ cpu: '1 vCPU', memory: '2 GB' })), 108.12],
    // CloudFormation DesiredCount omitted → 1 task: 0.25 × 29.55 = 7.3875 + 0.5 × 3.245 = 1.6225 → 9.01
    ['CloudFormation, default of one task', added(cfnService({ LaunchType: 'FARGATE' }), cfnTask({ Cpu: '256', Memory: '512' })), 9.01],
    // CloudFormation by ARN: 4 vCPU × 2 × 29.55 = 236.40 + 8 GB × 2 × 3.245 = 51.92 → 288.32
    ['CloudFormation, task definition by ARN', added(cfnService({ LaunchType: 'FARGATE', DesiredCount: '2', TaskDefinition: 'arn:aws:ecs:us-east-1:111122223333:task-definition/orders:12' }), cfnTask({ Cpu: '4096', Memory: '8192' })), 288.32],
  ])('%s', (_name, changes, expected) => {
    const line = serviceLine(changes);
    expect(line.after).toBeCloseTo(expected, 6);
    for (const part of line.components) expect(part.monthly).toBeCloseTo(part.quantity * part.unitPrice, 9);
  });

  it('shows an EC2-backed service as an explicit $0 line that says why', () => {
    const line = serviceLine(added(service({ launch_type: 'EC2', desired_count: 4 }), taskDefinition({ cpu: 512, memory: 1024 })));
    expect(line.after).toBe(0);
    expect(line.components).toEqual([{ name: 'Service on EC2 container instances (billed through the instances)', unit: 'months', quantity: 1, unitPrice: 0, monthly: 0 }]);
    expect(line.note).toMatch(/billed through the cluster's EC2 instances/);
  });

  it('says when Terraform leaves desired_count at its default of 0', () => {
    const line = serviceLine(added(service({ launch_type: 'FARGATE' }), taskDefinition({ cpu: 512, memory: 1024 })));
    expect(line.after).toBe(0);
    expect(line.note).toMatch(/desired_count is not set: Terraform's default of 0 tasks/);
  });

  it('prices the CloudFormation fixture, ARM64 marked approximate', () => {
    const template = readFileSync(new URL('../../../test/fixtures/cloudformation/ecs-fargate.yaml', import.meta.url), 'utf8');
    const { cost } = runGate({ config: plainConfig(), changes: changeSet([{ path: 'stacks/ecs-fargate.yaml', status: 'added', after: template }]) });
    const line = cost.lines.find((item) => item.type === 'AWS::ECS::Service');
    // Cpu 1024 = 1 vCPU × 3 tasks × 29.55 = 88.65; Memory 2048 = 2 GB × 3 × 3.245 = 19.47 → 108.12
    expect(line).toMatchObject({ address: 'stacks/ecs-fargate.yaml#Service', approximate: true });
    expect(line?.after).toBeCloseTo(108.12, 6);
    expect(line?.note).toMatch(/ARM64/);
  });

  it('without a launch type, takes the cluster default from the change, else a Fargate-only task definition, else says it assumed EC2', () => {
    const cluster = resource('aws_ecs_cluster_capacity_providers', 'main', { cluster_name: unknownValue('aws_ecs_cluster.main.name'), default_capacity_provider_strategy: [{ capacity_provider: 'FARGATE', weight: 1 }] });
    const inCluster = service({ desired_count: 2, cluster: unknownValue('aws_ecs_cluster.main.id') });
    // 2 × (0.5 vCPU × 29.55 + 1 GB × 3.245) = 36.04
    expect(serviceLine(added(inCluster, taskDefinition({ cpu: 512, memory: 1024 }), cluster))).toMatchObject({ after: 36.04, note: "no launch type: Fargate, from its cluster's default capacity provider strategy" });
    expect(serviceLine(added(service({ desired_count: 2 }), taskDefinition({ cpu: 512, memory: 1024 }))).note).toContain('assumed Fargate, the only launch type its task definition is compatible with');
    expect(serviceLine(added(service({ desired_count: 2 }), taskDefinition({ cpu: 512, memory: 1024, requires_compatibilities: ['EC2', 'FARGATE'] })))).toMatchObject({ after: 0, note: expect.stringContaining('no launch type: assumed EC2, what ECS uses when the cluster sets no default capacity provider strategy') });
  });

  it.each<[string, ResourceChange[], RegExp]>([
    ['Fargate Spot', added(service({ desired_count: 2, capacity_provider_strategy: [{ capacity_provider: 'FARGATE_SPOT', weight: 1 }] }), taskDefinition({ cpu: 512, memory: 1024 })), /Fargate Spot/],
    ['task definition outside the change', added(service({ launch_type: 'FARGATE', desired_count: 2 })), /task definition is not in this change/],
    ['task definition without cpu', added(service({ launch_type: 'FARGATE', desired_count: 1 }), taskDefinition({ memory: 1024 })), /aws_ecs_task_definition.app sets no task-level cpu/],
    ['absurd cpu', added(service({ launch_type: 'FARGATE', desired_count: 1 }), taskDefinition({ cpu: 99999, memory: 1024 })), /cpu "99999" of aws_ecs_task_definition.app is not a Fargate task size/],
    ['negative desired count', added(service({ launch_type: 'FARGATE', desired_count: -2 }), taskDefinition({ cpu: 512, memory: 1024 })), /desired count is negative/],
    ['desired count from a variable', added(service({ launch_type: 'FARGATE', desired_count: unknownValue('var.tasks') }), taskDefinition({ cpu: 512, memory: 1024 })), /desired count is not known before apply \(var.tasks\)/],
    ['Windows tasks', added(service({ launch_type: 'FARGATE', desired_count: 1 }), taskDefinition({ cpu: 1024, memory: 2048, runtime_platform: [{ operating_system_family: 'WINDOWS_SERVER_2022_CORE' }] })), /OS licence fee/],
    ['ECS Anywhere', added(service({ launch_type: 'EXTERNAL', desired_count: 1 }), taskDefinition({ cpu: 512, memory: 1024 })), /EXTERNAL/],
  ])('unpriced: %s', (_name, changes, reason) => {
    const cost = priceChanges(changes, US);
    expect(cost.lines).toEqual([]);
    expect(cost.unpriced).toEqual([expect.objectContaining({ type: 'aws_ecs_service', reason: expect.stringMatching(reason) })]);
  });
});
