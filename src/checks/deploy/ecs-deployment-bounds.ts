import type { Rule, RuleFinding } from '../model.js';
import { UNKNOWN, isSetAt, judgedCloudResources, label, numberAt, pathFor, stringAt } from './aws.js';
import { findingAt } from './kubernetes.js';

const TYPES = { terraform: new Set(['aws_ecs_service']), cloudformation: new Set(['AWS::ECS::Service']) };

/** Below this share of healthy tasks a rolling deployment halves the service's capacity or more. */
const MINIMUM_HEALTHY = 50;
/** ECS's own defaults when the fields are unset. */
const DEFAULT_MINIMUM_HEALTHY = 100;
const DEFAULT_MAXIMUM = 200;

export const ecsDeploymentBounds: Rule = {
  id: 'ecs-deployment-bounds',
  title: 'ECS deployments keep enough tasks healthy and give new ones time to start',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/ecs-deployment-bounds.md',
  run: ({ resources }) => {
    const findings: RuleFinding[] = [];
    for (const service of judgedCloudResources(resources, TYPES)) {
      const terraform = service.kind === 'terraform';
      const what = label(service);
      const schedulingStrategy = stringAt(service, pathFor(service, 'scheduling_strategy', 'Properties.SchedulingStrategy'));
      const controller = stringAt(service, pathFor(service, 'deployment_controller.0.type', 'Properties.DeploymentController.Type'));
      // DAEMON services run one task per instance and ignore maximum percent; blue/green controllers do not use either bound.
      const rolling = schedulingStrategy !== 'DAEMON' && (controller === undefined || controller === 'ECS');
      const minPath = pathFor(service, 'deployment_minimum_healthy_percent', 'Properties.DeploymentConfiguration.MinimumHealthyPercent');
      const maxPath = pathFor(service, 'deployment_maximum_percent', 'Properties.DeploymentConfiguration.MaximumPercent');
      const minimum = numberAt(service, minPath) ?? DEFAULT_MINIMUM_HEALTHY;
      const maximum = numberAt(service, maxPath) ?? DEFAULT_MAXIMUM;
      // Terraform's desired_count defaults to 0 (set by autoscaling); CloudFormation's DesiredCount to 1.
      const desired = numberAt(service, pathFor(service, 'desired_count', 'Properties.DesiredCount')) ?? (terraform ? undefined : 1);
      if (rolling && minimum !== UNKNOWN) {
        if (desired === 1 && minimum < 100) {
          findings.push(findingAt(service, minPath, `${what} runs a single task with a minimum healthy percent of ${minimum}; every deployment stops it before its replacement is healthy.`, 'Set the minimum healthy percent to 100 (and the maximum to 200) so the new task starts before the old one stops.'));
        } else if (minimum < MINIMUM_HEALTHY) {
          findings.push(findingAt(service, minPath, `${what} allows a deployment to drop to ${minimum}% healthy tasks; a bad rollout takes most of the service down.`, `Set the minimum healthy percent to at least ${MINIMUM_HEALTHY} (100 for services that cannot lose capacity).`));
        }
      }
      if (rolling && maximum !== UNKNOWN) {
        if (maximum < 100) {
          findings.push(findingAt(service, maxPath, `${what} sets a maximum percent of ${maximum}; the deployment must stop running tasks before it may start new ones.`, 'Set the maximum percent to at least 100 (200 lets a full set of new tasks start first).'));
        } else if (minimum !== UNKNOWN && maximum <= minimum) {
          findings.push(findingAt(service, maxPath, `${what} sets a maximum percent of ${maximum} with a minimum healthy percent of ${minimum}; there is no room to start or stop a task, so deployments cannot progress.`, 'Set the maximum percent above the minimum healthy percent (for example 100 and 200).'));
        }
      }
      const loadBalanced = isSetAt(service, pathFor(service, 'load_balancer', 'Properties.LoadBalancers'));
      const gracePath = pathFor(service, 'health_check_grace_period_seconds', 'Properties.HealthCheckGracePeriodSeconds');
      const grace = numberAt(service, gracePath);
      if (loadBalanced && (grace === undefined || grace === 0)) {
        findings.push(findingAt(service, grace === undefined ? pathFor(service, 'load_balancer.0', 'Properties.LoadBalancers') : gracePath, `${what} is behind a load balancer without a health check grace period; tasks that start slowly fail their first health checks and are killed in a loop.`, `Set ${terraform ? 'health_check_grace_period_seconds' : 'HealthCheckGracePeriodSeconds'} to the time the application needs to start (for example 60).`));
      }
    }
    return findings;
  },
};
