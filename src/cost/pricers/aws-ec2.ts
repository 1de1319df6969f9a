import type { Resource } from '../../iac/model.js';
import { isUnknown } from '../../iac/values.js';
import type { CostComponent } from '../model.js';
import { amount, attributesOf, component, flag, HOURS_PER_MONTH, records, referenced, requiredText, scaled, text, Unpriced, type PriceContext, type Pricer } from '../pricing.js';
import { ebsComponents, volumeSpec } from './aws-ebs.js';

/** CloudFormation's documented default when `InstanceType` is omitted. */
const CLOUDFORMATION_DEFAULT_INSTANCE_TYPE = 'm1.small';
/** EKS managed node groups default to this type and a 20 GiB disk when the group does not say. */
const EKS_DEFAULT_INSTANCE_TYPE = 't3.medium';
const EKS_DEFAULT_DISK_GB = 20;

/** An instance type's hourly price in a region: quoted by the data, else derived from us-east-1 and marked approximate. */
export function ec2Hourly(instanceType: string, region: string, context: PriceContext): number {
  return context.regional(region, `EC2 instance type ${instanceType}`, (where) => {
    const quoted = context.catalog.ec2Hourly(where, instanceType);
    if (quoted !== undefined) return quoted;
    const derived = context.catalog.ec2DerivedHourly(where, instanceType);
    if (!derived) return undefined;
    context.approximate = true;
    context.addNote(`${instanceType} has no ${where} price in the data; derived as its us-east-1 price × ${derived.ratio}, the ${where}/us-east-1 ratio of ${derived.family} types`);
    return derived.usd;
  });
}

function instanceHours(instanceType: string, region: string, context: PriceContext, count = 1): CostComponent {
  return { ...component(`Instance usage (Linux/UNIX, on-demand, ${instanceType})`, 'hours', HOURS_PER_MONTH * count, ec2Hourly(instanceType, region, context)), priceKey: `aws_instance/${instanceType}` };
}

function rejectDedicated(tenancy: string | undefined): void {
  if (tenancy !== undefined && tenancy !== 'default' && tenancy !== 'host') throw new Unpriced(`${tenancy} tenancy has no price in the data (shared tenancy only)`);
}

/** EC2 detailed monitoring publishes 7 instance metrics at one-minute resolution, each billed as a CloudWatch metric. */
const DETAILED_MONITORING_METRICS = 7;

function detailedMonitoring(region: string, context: PriceContext): CostComponent {
  const perMetric = context.unitPrice('aws', 'aws_instance', region, 'EC2 detailed monitoring').usd;
  return component('EC2 detailed monitoring', 'metrics', DETAILED_MONITORING_METRICS, perMetric);
}

/**
 * Whether an instance's detailed monitoring is on: `monitoring` on an instance, `monitoring {
 * enabled }` in a launch template, and `enable_monitoring` on a launch configuration, which
 * defaults to true (an instance and a template default to basic monitoring, which is free).
 */
function monitored(attributes: Record<string, unknown>, template?: Resource): boolean {
  if (template?.type === 'aws_launch_configuration') return flag(attributes.enable_monitoring, 'enable_monitoring') ?? true;
  if (template?.type === 'AWS::AutoScaling::LaunchConfiguration') return flag(attributes.InstanceMonitoring, 'InstanceMonitoring') ?? true;
  const block = records(attributes.monitoring)[0] ?? records(attributes.Monitoring)[0];
  const value = block ? (block.enabled ?? block.Enabled) : (attributes.monitoring ?? attributes.Monitoring);
  return flag(value, 'monitoring') ?? false;
}

/** Block devices declared on the instance: Terraform `root_block_device`/`ebs_block_device`, CloudFormation `BlockDeviceMappings`. */
function blockDevices(attributes: Record<string, unknown>, region: string, context: PriceContext): CostComponent[] {
  const components: CostComponent[] = [];
  for (const device of records(attributes.root_block_device)) {
    const spec = volumeSpec(device, 'root volume', 'gp2');
    if (spec) components.push(...ebsComponents(spec, region, context, 'Root volume: '));
    else context.addNote('root volume size comes from the AMI and is not priced');
  }
  for (const device of records(attributes.ebs_block_device)) {
    const spec = volumeSpec(device, 'EBS block device', 'gp2');
    if (spec) components.push(...ebsComponents(spec, region, context, 'EBS block device: '));
  }
  for (const mapping of records(attributes.BlockDeviceMappings)) {
    const ebs = records(mapping.Ebs)[0];
    const spec = ebs ? volumeSpec(ebs, 'block device', 'gp2') : undefined;
    if (spec) components.push(...ebsComponents(spec, region, context, 'Block device: '));
  }
  return components;
}

/** `aws_instance`, `AWS::EC2::Instance`: on-demand Linux hours plus declared block devices. */
export const ec2InstancePricer: Pricer = {
  types: ['aws_instance', 'AWS::EC2::Instance'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = context.regionOf(resource);
    const cloudformation = resource.kind === 'cloudformation';
    const instanceType = cloudformation
      ? (text(attributes.InstanceType, 'instance type') ?? CLOUDFORMATION_DEFAULT_INSTANCE_TYPE)
      : requiredText(attributes.instance_type, 'instance_type');
    const tenancy = text(attributes.tenancy ?? attributes.Tenancy, 'tenancy');
    rejectDedicated(tenancy);
    if (records(attributes.instance_market_options).length > 0) {
      throw new Unpriced('spot instances have no price in the data');
    }
    const monitoring = monitored(attributes) ? [detailedMonitoring(region, context)] : [];
    // An instance on a Dedicated Host is paid for by the host's hours, priced as the host itself.
    if (tenancy === 'host' || (attributes.host_id ?? attributes.HostId) !== undefined) {
      context.addNote('runs on a Dedicated Host, whose hours bill the instance; its volumes are its own');
      return { components: [...blockDevices(attributes, region, context), ...monitoring] };
    }
    return { components: [instanceHours(instanceType, region, context), ...blockDevices(attributes, region, context), ...monitoring] };
  },
};

/** Launch templates and configurations cost nothing themselves; the groups that use them are priced. */
export const launchTemplatePricer: Pricer = {
  types: ['aws_launch_template', 'aws_launch_configuration', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'],
  price: () => 'free',
};

/** The template's instance type; a node group's template may leave it to the group's `instance_types`. */
function launchTemplateInstanceType(template: Resource): string | undefined {
  const attributes = attributesOf(template);
  const data = records(attributes.LaunchTemplateData)[0];
  const type = template.kind === 'cloudformation' ? (data ? data.InstanceType : attributes.InstanceType) : attributes.instance_type;
  return text(type, `instance type of ${template.address}`);
}

const TEMPLATE_TYPES = ['aws_launch_template', 'aws_launch_configuration', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'];

/** The launch template a group or node group names (`launch_template { id | name }`, a launch configuration, CloudFormation's `LaunchTemplate`). */
function templateReference(attributes: Record<string, unknown>): unknown {
  const mixed = records(attributes.mixed_instances_policy)[0] ?? records(attributes.MixedInstancesPolicy)[0];
  const mixedTemplate = mixed ? (records(mixed.launch_template)[0] ?? records(mixed.LaunchTemplate)[0]) : undefined;
  const specification = mixedTemplate ? (records(mixedTemplate.launch_template_specification)[0] ?? records(mixedTemplate.LaunchTemplateSpecification)[0]) : undefined;
  const templateRef = specification ?? records(attributes.launch_template)[0] ?? records(attributes.LaunchTemplate)[0];
  return templateRef
    ? (templateRef.launch_template_id ?? templateRef.launch_template_name ?? templateRef.id ?? templateRef.name ?? templateRef.LaunchTemplateId ?? templateRef.LaunchTemplateName)
    : (attributes.launch_configuration ?? attributes.LaunchConfigurationName);
}

interface GroupTemplate {
  instanceType: string | undefined;
  address: string;
  devices: CostComponent[];
  monitored: boolean;
}

function groupInstanceType(attributes: Record<string, unknown>, resource: Resource, context: PriceContext): GroupTemplate {
  const region = context.regionOf(resource);
  const reference = templateReference(attributes);
  if (reference === undefined) throw new Unpriced('the group names no launch template or configuration');
  const template = referenced(reference, resource, context, TEMPLATE_TYPES);
  if (!template) throw new Unpriced('its launch template is not in this change, so its instance type is unknown');
  const templateAttributes = attributesOf(template);
  const data = records(templateAttributes.LaunchTemplateData)[0] ?? templateAttributes;
  const devices = [
    ...records(data.block_device_mappings).flatMap((mapping) => {
      const ebs = records(mapping.ebs)[0];
      const spec = ebs ? volumeSpec(ebs, 'launch template volume', 'gp2') : undefined;
      return spec ? ebsComponents(spec, region, context, 'Block device: ') : [];
    }),
    ...blockDevices(data, region, context),
  ];
  return { instanceType: launchTemplateInstanceType(template), address: template.address, devices, monitored: monitored(data, template) };
}

/**
 * A mixed-instances policy's split: `on_demand_base_capacity` instances plus
 * `on_demand_percentage_above_base_capacity` (default 100) of the rest on demand, the remainder on
 * spot, of the first override type (else the template's).
 */
function mixedSplit(attributes: Record<string, unknown>, desired: number, templateType: string | undefined): { instanceType: string | undefined; onDemand: number; spot: number } | undefined {
  const mixed = records(attributes.mixed_instances_policy)[0] ?? records(attributes.MixedInstancesPolicy)[0];
  if (!mixed) return undefined;
  const distribution = records(mixed.instances_distribution)[0] ?? records(mixed.InstancesDistribution)[0] ?? {};
  const base = Math.min(desired, amount(distribution.on_demand_base_capacity ?? distribution.OnDemandBaseCapacity, 'on-demand base capacity') ?? 0);
  const percent = amount(distribution.on_demand_percentage_above_base_capacity ?? distribution.OnDemandPercentageAboveBaseCapacity, 'on-demand percentage') ?? 100;
  const onDemand = base + Math.ceil(((desired - base) * Math.min(percent, 100)) / 100);
  const template = records(mixed.launch_template)[0] ?? records(mixed.LaunchTemplate)[0] ?? {};
  const override = records(template.override)[0] ?? records(template.Overrides)[0];
  const overrideType = override ? text(override.instance_type ?? override.InstanceType, 'override instance type') : undefined;
  return { instanceType: overrideType ?? templateType, onDemand, spot: desired - onDemand };
}

function sizes(min: number | undefined, max: number | undefined, desired: number | undefined): { min: number; max: number; desired: number } {
  if (min === undefined || max === undefined) throw new Unpriced('the group size (min and max) is not set');
  if (max < min) throw new Unpriced(`max size ${max} is below min size ${min}`);
  const count = desired ?? min;
  return { min, max, desired: count };
}

/** `aws_autoscaling_group`, `AWS::AutoScaling::AutoScalingGroup`: desired count × the launch template's instance; min–max as the range. */
export const autoscalingGroupPricer: Pricer = {
  types: ['aws_autoscaling_group', 'AWS::AutoScaling::AutoScalingGroup'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const size = sizes(
      amount(attributes.min_size ?? attributes.MinSize, 'min size'),
      amount(attributes.max_size ?? attributes.MaxSize, 'max size'),
      amount(attributes.desired_capacity ?? attributes.DesiredCapacity, 'desired capacity'),
    );
    const template = groupInstanceType(attributes, resource, context);
    const region = context.regionOf(resource);
    const split = mixedSplit(attributes, size.desired, template.instanceType);
    const instanceType = split?.instanceType ?? template.instanceType;
    if (instanceType === undefined) throw new Unpriced(`instance type of ${template.address} is not set`);
    const perInstance = [instanceHours(instanceType, region, context), ...template.devices, ...(template.monitored ? [detailedMonitoring(region, context)] : [])];
    context.addNote(
      attributes.desired_capacity ?? attributes.DesiredCapacity
        ? `${size.desired} instances (desired capacity); ${size.min}–${size.max} is the range`
        : `${size.desired} instances (min size, no desired capacity); ${size.min}–${size.max} is the range`,
    );
    if (split && split.spot > 0) {
      context.approximate = true;
      context.addNote(`${split.onDemand} on demand and ${split.spot} spot under its mixed instances policy; spot prices are not in the data, so spot instances are priced on demand, an upper bound`);
    }
    return scaled(perInstance, size.desired, size.min, size.max);
  },
};

/** `aws_eks_node_group`, `AWS::EKS::Nodegroup`: desired nodes × (instance hours + disk); min–max as the range. */
export const eksNodeGroupPricer: Pricer = {
  types: ['aws_eks_node_group', 'AWS::EKS::Nodegroup'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const region = context.regionOf(resource);
    const capacity = text(attributes.capacity_type ?? attributes.CapacityType, 'capacity type');
    if (capacity === 'SPOT') throw new Unpriced('spot node groups have no price in the data');
    const scaling = records(attributes.scaling_config)[0] ?? records(attributes.ScalingConfig)[0] ?? {};
    const size = sizes(
      amount(scaling.min_size ?? scaling.MinSize, 'min size'),
      amount(scaling.max_size ?? scaling.MaxSize, 'max size'),
      amount(scaling.desired_size ?? scaling.DesiredSize, 'desired size'),
    );
    const types = attributes.instance_types ?? attributes.InstanceTypes;
    if (isUnknown(types)) throw new Unpriced(`instance types are not known before apply (${types.__unknown})`);
    const listed = Array.isArray(types) && types.length > 0 ? requiredText(types[0], 'instance type') : undefined;
    if (Array.isArray(types) && types.length > 1) context.addNote(`priced as ${listed}, the first of ${types.length} instance types`);
    // A launch template gives the type where instance_types does not, and the disks (EKS rejects disk_size then).
    const template = templateReference(attributes) !== undefined ? groupInstanceType(attributes, resource, context) : undefined;
    const instanceType = listed ?? template?.instanceType ?? EKS_DEFAULT_INSTANCE_TYPE;
    const disk = amount(attributes.disk_size ?? attributes.DiskSize, 'disk size') ?? EKS_DEFAULT_DISK_GB;
    const disks = template ? template.devices : ebsComponents({ type: 'gp2', sizeGb: disk }, region, context, 'Node disk: ');
    if (template && disks.length === 0) context.addNote('its launch template maps no volumes, so the node disks come from the AMI and are not priced');
    const perInstance = [instanceHours(instanceType, region, context), ...disks, ...(template?.monitored ? [detailedMonitoring(region, context)] : [])];
    return scaled(perInstance, size.desired, size.min, size.max);
  },
};
