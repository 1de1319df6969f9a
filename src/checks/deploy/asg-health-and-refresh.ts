import type { Resource } from '../../iac/model.js';
import type { Rule, RuleContext, RuleFinding } from '../model.js';
import { UNKNOWN, cloudProduction, isSetAt, judgedCloudResources, label, numberAt, pathFor, stringAt } from './aws.js';
import { findingAt } from './kubernetes.js';
import { autoscalingGroupBehindLoadBalancer } from './load-balancer.js';

const TYPES = { terraform: new Set(['aws_autoscaling_group']), cloudformation: new Set(['AWS::AutoScaling::AutoScalingGroup']) };
const MINIMUM_SIZE = 2;

function healthCheck(group: Resource, what: string, context: RuleContext): RuleFinding[] {
  const path = pathFor(group, 'health_check_type', 'Properties.HealthCheckType');
  const type = stringAt(group, path);
  if (type === UNKNOWN || type === 'ELB' || !autoscalingGroupBehindLoadBalancer({ after: group }, context.resources)) return [];
  const written = type === undefined ? 'uses the default EC2 health check' : `uses ${type} health checks`;
  return [findingAt(group, path, `${what} is behind a load balancer but ${written}; an instance whose application is down stays in service.`, `Set ${group.kind === 'terraform' ? 'health_check_type = "ELB"' : 'HealthCheckType: ELB'} so instances failing the load balancer's check are replaced.`)];
}

function rollout(group: Resource, what: string): RuleFinding[] {
  if (group.kind === 'terraform') {
    if (isSetAt(group, 'instance_refresh')) return [];
    return [findingAt(group, 'instance_refresh', `${what} has no instance_refresh; a new launch template version reaches running instances only when they happen to be replaced.`, 'Add `instance_refresh { strategy = "Rolling" }` (with preferences.min_healthy_percentage) so changes roll out in batches.')];
  }
  if (isSetAt(group, 'UpdatePolicy.AutoScalingRollingUpdate') || isSetAt(group, 'UpdatePolicy.AutoScalingReplacingUpdate')) return [];
  return [findingAt(group, 'UpdatePolicy', `${what} has no UpdatePolicy with AutoScalingRollingUpdate or AutoScalingReplacingUpdate; a launch template change does not reach running instances.`, 'Add `UpdatePolicy: { AutoScalingRollingUpdate: { MinInstancesInService: 1, MaxBatchSize: 1 } }` (or AutoScalingReplacingUpdate).')];
}

function minimumSize(group: Resource, what: string, context: RuleContext): RuleFinding[] {
  const path = pathFor(group, 'min_size', 'Properties.MinSize');
  const size = numberAt(group, path);
  if (size === undefined || size === UNKNOWN || size >= MINIMUM_SIZE || !cloudProduction(group, context)) return [];
  return [findingAt(group, path, `${what} has min_size ${size} in production; one instance failure or a scale-in leaves nothing serving.`, `Set the minimum size to at least ${MINIMUM_SIZE}, spread over two availability zones; mark non-production paths or Environment tags in kubernetes.non-production.`)];
}

export const asgHealthAndRefresh: Rule = {
  id: 'asg-health-and-refresh',
  title: 'Autoscaling groups check health at the load balancer and roll changes out',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/asg-health-and-refresh.md',
  run: (context) =>
    judgedCloudResources(context.resources, TYPES).flatMap((group) => {
      const what = label(group);
      return [...healthCheck(group, what, context), ...rollout(group, what), ...minimumSize(group, what, context)];
    }),
};
