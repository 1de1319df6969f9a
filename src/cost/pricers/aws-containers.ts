import type { Resource } from '../../iac/model.js';
import { referencesTo } from '../../iac/references.js';
import { isUnknown } from '../../iac/values.js';
import { amount, attributesOf, component, HOURS_PER_MONTH, records, text, Unpriced, type PriceContext, type PricedResource, type Pricer } from '../pricing.js';
import { eksExtendedSupport } from '../support.js';

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

/** What a reference names: `aws_ecs_cluster.main` for `aws_ecs_cluster.main.id` / `.arn` / `.name`, a plain name as written. */
function referenceTarget(value: unknown): string | undefined {
  if (isUnknown(value)) return value.__unknown.replace(/\.(?:id|arn|name)$/, '');
  return typeof value === 'string' ? value : undefined;
}

/** The default capacity provider strategy of the service's cluster, where the change sets one (`aws_ecs_cluster_capacity_providers`, CloudFormation's cluster). */
function clusterDefaultStrategy(service: Record<string, unknown>, context: PriceContext): Record<string, unknown>[] {
  const cluster = referenceTarget(service.cluster ?? service.Cluster);
  if (cluster === undefined) return [];
  for (const sibling of context.siblings) {
    const attributes = attributesOf(sibling);
    if (sibling.type === 'aws_ecs_cluster_capacity_providers' && referenceTarget(attributes.cluster_name) === cluster) return records(attributes.default_capacity_provider_strategy);
    if (sibling.type === 'AWS::ECS::Cluster' && cluster === `Ref ${sibling.address.split('#').pop()}`) return records(attributes.DefaultCapacityProviderStrategy);
  }
  return [];
}

/** Whether the task definition runs on Fargate only (`requires_compatibilities = ["FARGATE"]`). */
function fargateOnly(service: Resource, context: PriceContext): boolean {
  let definition: Resource;
  try {
    definition = taskDefinitionOf(service, context);
  } catch (error) {
    if (error instanceof Unpriced) return false;
    throw error;
  }
  const attributes = attributesOf(definition);
  const compatibilities = attributes.requires_compatibilities ?? attributes.RequiresCompatibilities;
  return Array.isArray(compatibilities) && compatibilities.length > 0 && compatibilities.every((item) => item === 'FARGATE');
}

/**
 * Fargate or EC2. Without a launch type or strategy, ECS takes the cluster's default capacity
 * provider strategy, else the EC2 launch type. The cluster's default is read where the change
 * holds it; otherwise a task definition that only Fargate can run decides, and failing that the
 * EC2 launch type is assumed, and the note says which and why.
 */
function capacityOf(service: Resource, context: PriceContext): Capacity {
  const attributes = attributesOf(service);
  const strategy = records(attributes.capacity_provider_strategy ?? attributes.CapacityProviderStrategy);
  if (strategy.length > 0) return capacityOfStrategy(strategy);
  const launchType = text(attributes.launch_type ?? attributes.LaunchType, 'launch type')?.toUpperCase();
  if (launchType === 'FARGATE') return 'fargate';
  if (launchType === 'EC2') return 'ec2';
  if (launchType === 'EXTERNAL') throw new Unpriced('ECS Anywhere (launch type EXTERNAL) is billed per registered instance, which the data has no price for');
  if (launchType !== undefined) throw new Unpriced(`launch type "${launchType}" is not one ECS knows (FARGATE, EC2, EXTERNAL)`);
  const clusterDefault = clusterDefaultStrategy(attributes, context);
  if (clusterDefault.length > 0) {
    const capacity = capacityOfStrategy(clusterDefault);
    context.addNote(`no launch type: ${capacity === 'fargate' ? 'Fargate' : 'EC2'}, from its cluster's default capacity provider strategy`);
    return capacity;
  }
  if (fargateOnly(service, context)) {
    context.addNote('no launch type: assumed Fargate, the only launch type its task definition is compatible with (the cluster default is not in this change)');
    return 'fargate';
  }
  context.addNote('no launch type: assumed EC2, what ECS uses when the cluster sets no default capacity provider strategy (none is in this change)');
  return 'ec2';
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
    if (capacityOf(resource, context) === 'fargate') return fargateService(resource, context);
    context.addNote("EC2 launch type: billed through the cluster's EC2 instances, which are priced as their own resources");
    return { components: [component('Service on EC2 container instances (billed through the instances)', 'months', 1, 0)] };
  },
};

/**
 * `aws_eks_cluster`, `AWS::EKS::Cluster`: control-plane hours, at the extended-support rate when
 * its Kubernetes version is past standard support on the day priced. A cluster without a version
 * gets the newest one, in standard support; `upgrade_policy.support_type = "STANDARD"` opts out
 * of extended support (EKS upgrades the cluster instead), so it bills the standard rate.
 */
export const eksClusterPricer: Pricer = {
  types: ['aws_eks_cluster', 'AWS::EKS::Cluster'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = context.regionOf(resource);
    const version = text(attributes.version ?? attributes.Version, 'Kubernetes version');
    const policy = records(attributes.upgrade_policy)[0] ?? records(attributes.UpgradePolicy)[0];
    const supportType = text(policy?.support_type ?? policy?.SupportType, 'support type');
    const extended = version === undefined ? undefined : eksExtendedSupport(version, context.today);
    if (!extended || supportType === 'STANDARD') {
      if (extended) context.addNote(`Kubernetes ${extended.version} left standard support on ${extended.endedOn}; with support_type STANDARD, EKS upgrades the cluster instead of billing extended support`);
      return { components: [component('EKS cluster', 'hours', HOURS_PER_MONTH, context.unitPrice('aws', 'aws_eks_cluster', region, 'EKS cluster').usd)] };
    }
    context.addNote(`Kubernetes ${extended.version} left standard support on ${extended.endedOn}: the cluster bills extended support`);
    const hourly = context.unitPrice('aws', 'aws_eks_cluster', region, 'EKS cluster (extended support)').usd;
    return { components: [component(`EKS cluster (extended support, Kubernetes ${extended.version})`, 'hours', HOURS_PER_MONTH, hourly)] };
  },
};
