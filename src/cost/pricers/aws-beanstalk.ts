import type { CostComponent } from '../model.js';
import { amount, attributesOf, component, flag, HOURS_PER_MONTH, monthlyOf, records, scaled, text, Unpriced, type PriceContext, type Pricer } from '../pricing.js';
import { ebsComponents } from './aws-ebs.js';
import { ec2Hourly } from './aws-ec2.js';
import { rdsInstanceHours } from './aws-rds.js';
import { unitPriceAmong } from './shared-rows.js';

/** An environment's option settings by `namespace:name`: Terraform `setting` blocks or CloudFormation `OptionSettings`. */
function optionSettings(attributes: Record<string, unknown>): Map<string, unknown> {
  const settings = [...records(attributes.setting), ...records(attributes.OptionSettings)];
  return new Map(settings.map((setting) => [`${String(setting.namespace ?? setting.Namespace)}:${String(setting.name ?? setting.OptionName)}`, setting.value ?? setting.Value]));
}

/** Elastic Beanstalk's documented defaults for the options the price depends on. */
const DEFAULTS = { minSize: 1, maxSize: 4, loadBalancer: 'classic', dbEngine: 'mysql' } as const;

/** The instance type: the first of `aws:ec2:instances` InstanceTypes (which supersedes the launch configuration's InstanceType). */
function instanceType(settings: Map<string, unknown>): string {
  const listed = text(settings.get('aws:ec2:instances:InstanceTypes'), 'InstanceTypes')?.split(',')[0]?.trim();
  const single = text(settings.get('aws:autoscaling:launchconfiguration:InstanceType'), 'InstanceType');
  const chosen = listed || single;
  if (!chosen) throw new Unpriced('no instance type is set (aws:ec2:instances InstanceTypes or aws:autoscaling:launchconfiguration InstanceType)');
  return chosen;
}

/**
 * One instance's root volume. Its size comes from the platform's AMI unless RootVolumeSize says:
 * then only provisioned IOPS, which do not depend on the size, are priced, and the storage is noted.
 */
function rootVolume(settings: Map<string, unknown>, region: string, context: PriceContext): CostComponent[] {
  const type = text(settings.get('aws:autoscaling:launchconfiguration:RootVolumeType'), 'RootVolumeType')?.toLowerCase() ?? 'gp2';
  const size = amount(settings.get('aws:autoscaling:launchconfiguration:RootVolumeSize'), 'RootVolumeSize');
  const iops = amount(settings.get('aws:autoscaling:launchconfiguration:RootVolumeIOPS'), 'RootVolumeIOPS');
  if (size === undefined) {
    context.addNote("root volume size comes from the platform's AMI; its storage is not priced");
    if (iops === undefined) return [];
  }
  const components = ebsComponents({ type, sizeGb: size ?? 0, ...(iops !== undefined ? { iops } : {}) }, region, context, 'Root volume: ');
  return components.filter((part) => part.quantity > 0);
}

/** The data's hourly row for each load balancer type; the same price whichever resource's example recorded it. */
const LOAD_BALANCER_ROWS: Record<string, string> = { classic: 'Classic load balancer', application: 'Application load balancer', network: 'Network load balancer' };
const LOAD_BALANCER_TYPES = ['aws_lb', 'aws_elb', 'aws_elastic_beanstalk_environment'];

function loadBalancer(settings: Map<string, unknown>, region: string, context: PriceContext): CostComponent {
  const type = (text(settings.get('aws:elasticbeanstalk:environment:LoadBalancerType'), 'LoadBalancerType') ?? DEFAULTS.loadBalancer).toLowerCase();
  const row = LOAD_BALANCER_ROWS[type];
  if (!row) throw new Unpriced(`load balancer type "${type}" is not classic, application or network`);
  return component(row, 'hours', HOURS_PER_MONTH, unitPriceAmong(context, 'aws', LOAD_BALANCER_TYPES, region, row, `${row} hours`));
}

/** The environment's own database, when any `aws:rds:dbinstance` option is set: instance hours and allocated storage. */
function database(settings: Map<string, unknown>, region: string, context: PriceContext): CostComponent[] {
  const keys = [...settings.keys()].filter((key) => key.startsWith('aws:rds:dbinstance:'));
  if (keys.length === 0) return [];
  const instanceClass = text(settings.get('aws:rds:dbinstance:DBInstanceClass'), 'DBInstanceClass');
  if (instanceClass === undefined) throw new Unpriced('the environment has a database but DBInstanceClass is not set');
  const engine = (text(settings.get('aws:rds:dbinstance:DBEngine'), 'DBEngine') ?? DEFAULTS.dbEngine).toLowerCase();
  const multiAz = flag(settings.get('aws:rds:dbinstance:MultiAZDatabase'), 'MultiAZDatabase') === true;
  const components = [rdsInstanceHours(engine, multiAz ? 'multi-az' : 'single-az', instanceClass, region, context)];
  const storage = amount(settings.get('aws:rds:dbinstance:DBAllocatedStorage'), 'DBAllocatedStorage');
  if (storage === undefined) context.addNote('database storage size not set; not priced');
  else {
    const row = `Storage (general purpose SSD, gp2), ${multiAz ? 'Multi-AZ' : 'Single-AZ'}`;
    components.push(component(`Database ${row.charAt(0).toLowerCase()}${row.slice(1)}`, 'GB-month', storage, context.unitPrice('aws', 'aws_db_instance', region, row).usd));
  }
  return components;
}

/**
 * `aws_elastic_beanstalk_environment`, `AWS::ElasticBeanstalk::Environment`: what the environment
 * runs, read from its option settings. MinSize instances (the range up to MaxSize) with their
 * root volumes, the load balancer of a load-balanced environment, and the database it creates.
 * Log streaming and data processed are billed on use by the services that carry them.
 */
export const beanstalkEnvironmentPricer: Pricer = {
  types: ['aws_elastic_beanstalk_environment', 'AWS::ElasticBeanstalk::Environment'],
  price(resource, context) {
    const settings = optionSettings(attributesOf(resource));
    const region = context.regionOf(resource);
    const type = instanceType(settings);
    const perInstance = [component(`Instance usage (Linux/UNIX, on-demand, ${type})`, 'hours', HOURS_PER_MONTH, ec2Hourly(type, region, context)), ...rootVolume(settings, region, context)];
    const single = text(settings.get('aws:elasticbeanstalk:environment:EnvironmentType'), 'EnvironmentType') === 'SingleInstance';
    const min = single ? 1 : (amount(settings.get('aws:autoscaling:asg:MinSize'), 'MinSize') ?? DEFAULTS.minSize);
    const max = single ? 1 : Math.max(min, amount(settings.get('aws:autoscaling:asg:MaxSize'), 'MaxSize') ?? DEFAULTS.maxSize);
    const fleet = scaled(perInstance, min, min, max);
    const shared = [...(single ? [] : [loadBalancer(settings, region, context)]), ...database(settings, region, context)];
    const sharedMonthly = monthlyOf(shared);
    return {
      components: [...fleet.components, ...shared],
      ...(fleet.range ? { range: { low: fleet.range.low + sharedMonthly, high: fleet.range.high + sharedMonthly } } : {}),
    };
  },
};
