import type { Resource } from '../../iac/model.js';
import { referencesTo } from '../../iac/references.js';
import { isUnknown } from '../../iac/values.js';
import { amount, attributesOf, component, records, text, Unpriced, type PriceContext, type PricedResource, type Pricer } from '../pricing.js';

/**
 * The data's `aws_ecs_service` rows are named "Per vCPU per hour" and "Per GB per hour" but hold
 * monthly figures per vCPU and per GB (monthly cost / quantity): 29.55 / 730 = 0.04048 and
 * 3.245 / 730 = 0.004445, AWS's hourly Fargate rates. They are used as the monthly rates they are.
 */
const VCPU_ROW = 'Per vCPU per hour';
const MEMORY_ROW = 'Per GB per hour';

/** Fargate's smallest and largest task sizes; anything outside is a typo, not a task. */
const FARGATE_VCPU = { min: 0.25, max: 16 };
const FARGATE_MEMORY_GB = { min: 0.5, max: 120 };
/** Every Fargate task gets this much ephemeral storage at no charge. */
const INCLUDED_EPHEMERAL_GIB = 20;

/** Terraform's `desired_count` defaults to 0; CloudFormation starts a new service with 1 task. */
const TERRAFORM_DEFAULT_TASKS = 0;
const CLOUDFORMATION_DEFAULT_TASKS = 1;

const TASK_DEFINITION_TYPES = ['aws_ecs_task_definition', 'AWS::ECS::TaskDefinition'];
const SCALABLE_TARGET_TYPES = new Set(['aws_appautoscaling_target', 'AWS::ApplicationAutoScaling::ScalableTarget']);

type Capacity = 'fargate' | 'ec2';

/** The capacity provider names ECS reserves for Fargate; any other name is an EC2 (Auto Scaling group) provider. */
function capacityOfStrategy(strategy: Record<string, unknown>[]): Capacity {
  const providers = strategy.map((item) => {
    const name = text(item.capacity_provider ?? item.CapacityProvider, 'capacity provider') ?? '';
    const weight = amount(item.weight ?? item.Weight, 'capacity provider weight') ?? 0;
    const base = amount(item.base ?? item.Base, 'capacity provider base') ?? 0;
    return { name, used: weight > 0 || base > 0 };
  });
  if (providers.some((provider) => provider.name === 'FARGATE_SPOT' && provider.used)) throw new Unpriced('Fargate Spot (capacity provider FARGATE_SPOT) has no price in the data');
  const fargate = providers.filter((provider) => provider.name === 'FARGATE' || provider.name === 'FARGATE_SPOT');
  if (fargate.length === providers.length) return 'fargate';
  if (fargate.length === 0) return 'ec2';
  throw new Unpriced('its capacity provider strategy mixes Fargate and EC2 providers; the split of tasks between them is not known');
}

/**
 * Fargate or EC2. Without a launch type or strategy, the cluster's default capacity provider
 * strategy decides, and the cluster may be outside the change: the service is unpriced rather than guessed.
 */
function capacityOf(attributes: Record<string, unknown>): Capacity {
  const strategy = records(attributes.capacity_provider_strategy ?? attributes.CapacityProviderStrategy);
  if (strategy.length > 0) return capacityOfStrategy(strategy);
  const launchType = text(attributes.launch_type ?? attributes.LaunchType, 'launch type')?.toUpperCase();
  if (launchType === 'FARGATE') return 'fargate';
  if (launchType === 'EC2') return 'ec2';
  if (launchType === 'EXTERNAL') throw new Unpriced('ECS Anywhere (launch type EXTERNAL) is billed per registered instance, which the data has no price for');
  if (launchType !== undefined) throw new Unpriced(`launch type "${launchType}" is not one ECS knows (FARGATE, EC2, EXTERNAL)`);
  throw new Unpriced('neither launch_type nor a capacity provider strategy is set, so the cluster default decides between Fargate and EC2; set launch_type to price it');
}

/** The task definition a service names: by reference (`aws_ecs_task_definition.app.arn`, `Ref TaskDef`), or by family (`app`, `app:3`, an ARN). */
function taskDefinitionOf(service: Resource, context: PriceContext): Resource {
  const value = attributesOf(service).task_definition ?? attributesOf(service).TaskDefinition;
  if (value === undefined) throw new Unpriced('the service names no task definition');
  const candidates = context.siblings.filter((sibling) => TASK_DEFINITION_TYPES.includes(sibling.type));
  let found: Resource | undefined;
  if (isUnknown(value)) {
    const description = value.__unknown;
    const logicalId = /^(?:Ref |Fn::GetAtt )([A-Za-z0-9]+)/.exec(description)?.[1];
    found = candidates.find((sibling) => {
      // A reference inside a module names the task definition without the module prefix.
      const local = sibling.module && sibling.module === service.module ? sibling.address.slice(sibling.module.length + 1) : sibling.address;
      return description.includes(`${local}.`) || (logicalId !== undefined && sibling.address === `${service.file}#${logicalId}`);
    });
  } else if (typeof value === 'string') {
    const family = (value.split('/').pop() ?? value).split(':')[0];
    found = candidates.find((sibling) => {
      const attributes = attributesOf(sibling);
      return (attributes.family ?? attributes.Family) === family;
    });
  }
  if (!found) throw new Unpriced('its task definition is not in this change (or not known before apply), so its CPU and memory are unknown');
  return found;
}

/** Task CPU as Terraform and CloudFormation write it: CPU units (`"1024"`) or vCPUs (`"1 vCPU"`). */
function vcpusOf(value: unknown, where: string): number {
  const written = text(value, `cpu of ${where}`);
  if (written === undefined) throw new Unpriced(`${where} sets no task-level cpu, which Fargate requires`);
  const vcpu = /^\s*(\d+(?:\.\d+)?)\s*vcpu\s*$/i.exec(written);
  const vcpus = vcpu ? Number(vcpu[1]) : (amount(written, `cpu of ${where}`) ?? 0) / 1024;
  if (vcpus < FARGATE_VCPU.min || vcpus > FARGATE_VCPU.max) throw new Unpriced(`cpu "${written}" of ${where} is not a Fargate task size (${FARGATE_VCPU.min}–${FARGATE_VCPU.max} vCPU)`);
  return vcpus;
}

/** Task memory: MiB (`"2048"`) or GB (`"2 GB"`). */
function memoryGbOf(value: unknown, where: string): number {
  const written = text(value, `memory of ${where}`);
  if (written === undefined) throw new Unpriced(`${where} sets no task-level memory, which Fargate requires`);
  const gb = /^\s*(\d+(?:\.\d+)?)\s*gb\s*$/i.exec(written);
  const memory = gb ? Number(gb[1]) : (amount(written, `memory of ${where}`) ?? 0) / 1024;
  if (memory < FARGATE_MEMORY_GB.min || memory > FARGATE_MEMORY_GB.max) throw new Unpriced(`memory "${written}" of ${where} is not a Fargate task size (${FARGATE_MEMORY_GB.min}–${FARGATE_MEMORY_GB.max} GB)`);
  return memory;
}

/** Linux/x86 is what the data prices; Windows adds a licence fee it lacks, ARM64 costs less than it says. */
function checkPlatform(taskDefinition: Resource, context: PriceContext): void {
  const attributes = attributesOf(taskDefinition);
  const platform = records(attributes.runtime_platform ?? attributes.RuntimePlatform)[0] ?? {};
  const system = text(platform.operating_system_family ?? platform.OperatingSystemFamily, 'operating system family');
  if (system !== undefined && system.toUpperCase() !== 'LINUX') throw new Unpriced(`${system} Fargate tasks add an OS licence fee the data has no price for`);
  const architecture = text(platform.cpu_architecture ?? platform.CpuArchitecture, 'CPU architecture');
  if (architecture?.toUpperCase() === 'ARM64') {
    context.approximate = true;
    context.addNote('ARM64 tasks priced at the x86 Fargate rates (the data has no Graviton rate; AWS lists ARM64 about 20% lower)');
  }
}

function desiredTasks(service: Resource, context: PriceContext): number {
  const attributes = attributesOf(service);
  const desired = amount(attributes.desired_count ?? attributes.DesiredCount, 'desired count');
  if (desired !== undefined) return desired;
  if (service.kind === 'cloudformation') return CLOUDFORMATION_DEFAULT_TASKS;
  context.addNote(`desired_count is not set: Terraform's default of ${TERRAFORM_DEFAULT_TASKS} tasks`);
  return TERRAFORM_DEFAULT_TASKS;
}

/**
 * Whether a scalable target's resource id (`service/<cluster>/<service>`) names this service: by a
 * reference to it (Terraform address, CloudFormation logical id) or by its literal name.
 */
function targetsService(target: Resource, resourceId: unknown, service: Resource): boolean {
  if (isUnknown(resourceId)) return referencesTo(resourceId, target, service).length > 0;
  const name = attributesOf(service).name ?? attributesOf(service).ServiceName;
  return typeof resourceId === 'string' && typeof name === 'string' && resourceId.startsWith('service/') && resourceId.endsWith(`/${name}`);
}

/** The task count bounds an Application Auto Scaling target in the change sets for this service. */
function scalingBounds(service: Resource, context: PriceContext): { min: number; max: number } | undefined {
  for (const target of context.siblings) {
    if (!SCALABLE_TARGET_TYPES.has(target.type)) continue;
    const attributes = attributesOf(target);
    if (attributes.service_namespace !== 'ecs' && attributes.ServiceNamespace !== 'ecs') continue;
    if (!targetsService(target, attributes.resource_id ?? attributes.ResourceId, service)) continue;
    const min = amount(attributes.min_capacity ?? attributes.MinCapacity, `min capacity of ${target.address}`);
    const max = amount(attributes.max_capacity ?? attributes.MaxCapacity, `max capacity of ${target.address}`);
    return min !== undefined && max !== undefined && min <= max ? { min, max } : undefined;
  }
  return undefined;
}

function fargateService(service: Resource, context: PriceContext): PricedResource {
  const tasks = desiredTasks(service, context);
  const taskDefinition = taskDefinitionOf(service, context);
  const attributes = attributesOf(taskDefinition);
  const vcpus = vcpusOf(attributes.cpu ?? attributes.Cpu, taskDefinition.address);
  const memoryGb = memoryGbOf(attributes.memory ?? attributes.Memory, taskDefinition.address);
  checkPlatform(taskDefinition, context);
  const storage = records(attributes.ephemeral_storage ?? attributes.EphemeralStorage)[0];
  const ephemeral = amount(storage?.size_in_gib ?? storage?.SizeInGiB, 'ephemeral storage');
  if (ephemeral !== undefined && ephemeral > INCLUDED_EPHEMERAL_GIB) {
    context.approximate = true;
    context.addNote(`ephemeral storage above the included ${INCLUDED_EPHEMERAL_GIB} GiB (${ephemeral} GiB) has no price in the data and is left out`);
  }
  const region = context.regionOf(service);
  const vcpuMonth = context.unitPrice('aws', 'aws_ecs_service', region, VCPU_ROW);
  const gbMonth = context.unitPrice('aws', 'aws_ecs_service', region, MEMORY_ROW);
  const plural = tasks === 1 ? 'task' : 'tasks';
  const perTask = vcpus * vcpuMonth.usd + memoryGb * gbMonth.usd;
  const bounds = scalingBounds(service, context);
  if (bounds) context.addNote(`Application Auto Scaling runs ${bounds.min}–${bounds.max} tasks`);
  return {
    components: [
      component(`Fargate vCPU (${vcpus} vCPU × ${tasks} ${plural})`, 'vCPU-months', vcpus * tasks, vcpuMonth.usd),
      component(`Fargate memory (${memoryGb} GB × ${tasks} ${plural})`, 'GB-months', memoryGb * tasks, gbMonth.usd),
    ],
    ...(bounds && bounds.min !== bounds.max ? { range: { low: perTask * bounds.min, high: perTask * bounds.max } } : {}),
  };
}

/**
 * `aws_ecs_service`, `AWS::ECS::Service`: Fargate services cost task vCPU and memory (from the task
 * definition in the change) × desired count. EC2-backed services are shown at an explicit $0: their
 * cost is the cluster's instances, which are priced as their own resources.
 */
export const ecsServicePricer: Pricer = {
  types: ['aws_ecs_service', 'AWS::ECS::Service'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    if (capacityOf(attributes) === 'fargate') return fargateService(resource, context);
    context.addNote("EC2 launch type: billed through the cluster's EC2 instances, which are priced as their own resources");
    return { components: [component('Service on EC2 container instances (billed through the instances)', 'months', 1, 0)] };
  },
};
