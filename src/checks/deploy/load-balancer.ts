/** Which autoscaling groups serve behind a load balancer, however the change attaches them. */
import type { ResourceChange } from '../../diff/model.js';
import type { Resource } from '../../iac/model.js';
import { UNKNOWN, isSetAt, stringAt } from './aws.js';
import { holdersOf, type Sides } from '../../iac/references.js';

const ATTACHMENTS = new Set(['aws_autoscaling_attachment', 'aws_autoscaling_traffic_source_attachment']);
/** Traffic source types that are load balancers; a VPC Lattice target group health-checks differently. */
const LOAD_BALANCER_SOURCES = new Set(['elb', 'elbv2']);

function attachesLoadBalancer(attachment: Resource): boolean {
  if (attachment.type === 'aws_autoscaling_attachment') return isSetAt(attachment, 'lb_target_group_arn') || isSetAt(attachment, 'elb');
  const type = stringAt(attachment, 'traffic_source.0.type');
  return isSetAt(attachment, 'traffic_source') && type !== UNKNOWN && (type === undefined || LOAD_BALANCER_SOURCES.has(type));
}

/**
 * An autoscaling group is behind a load balancer when it names target groups or classic load
 * balancers itself, or when an `aws_autoscaling_attachment` / `aws_autoscaling_traffic_source_attachment`
 * in the change refers to it (by reference, or by its known name in a plan).
 */
export function autoscalingGroupBehindLoadBalancer(group: Sides, changes: readonly ResourceChange[]): boolean {
  const resource = group.after ?? group.before;
  if (!resource) return false;
  const direct =
    resource.kind === 'terraform'
      ? isSetAt(resource, 'target_group_arns') || isSetAt(resource, 'load_balancers')
      : isSetAt(resource, 'Properties.TargetGroupARNs') || isSetAt(resource, 'Properties.LoadBalancerNames');
  if (direct || resource.kind !== 'terraform') return direct;
  return holdersOf(changes, ATTACHMENTS, ['autoscaling_group_name'], group).some((attachment) => attachment.after !== undefined && attachesLoadBalancer(attachment.after));
}
