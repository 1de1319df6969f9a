import type { Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { UNKNOWN, flagAt, judgedCloudResources, label, pathFor, stringAt } from './aws.js';
import { findingAt } from './kubernetes.js';

const TYPES = { terraform: new Set(['aws_ecs_service']), cloudformation: new Set(['AWS::ECS::Service']) };

/** The circuit breaker belongs to the ECS deployment controller; CodeDeploy and external controllers roll back by their own means. */
function usesEcsController(service: Resource): boolean {
  const controller = stringAt(service, pathFor(service, 'deployment_controller.0.type', 'Properties.DeploymentController.Type'));
  return controller === undefined || controller === 'ECS';
}

/** CloudWatch alarms with rollback are the other way ECS rolls a failed deployment back by itself. */
function alarmsRollBack(service: Resource): boolean {
  const base = pathFor(service, 'alarms.0.', 'Properties.DeploymentConfiguration.Alarms.');
  const enable = pathFor(service, 'enable', 'Enable');
  const rollback = pathFor(service, 'rollback', 'Rollback');
  return flagAt(service, base + enable) === true && flagAt(service, base + rollback) === true;
}

export const ecsCircuitBreaker: Rule = {
  id: 'ecs-circuit-breaker',
  title: 'ECS services roll a failed deployment back by themselves',
  category: 'deploy',
  severity: 'error',
  docs: 'docs/rules/ecs-circuit-breaker.md',
  run: ({ resources }) => {
    const findings: RuleFinding[] = [];
    for (const service of judgedCloudResources(resources, TYPES)) {
      if (!usesEcsController(service) || alarmsRollBack(service)) continue;
      const terraform = service.kind === 'terraform';
      const breaker = terraform ? 'deployment_circuit_breaker.0' : 'Properties.DeploymentConfiguration.DeploymentCircuitBreaker';
      const enablePath = `${breaker}.${terraform ? 'enable' : 'Enable'}`;
      const rollbackPath = `${breaker}.${terraform ? 'rollback' : 'Rollback'}`;
      const enable = flagAt(service, enablePath);
      const rollback = flagAt(service, rollbackPath);
      if (enable === UNKNOWN || rollback === UNKNOWN || (enable === true && rollback === true)) continue;
      const fix = terraform
        ? 'Add `deployment_circuit_breaker { enable = true, rollback = true }` to the service.'
        : 'Set DeploymentConfiguration.DeploymentCircuitBreaker to `{ Enable: true, Rollback: true }`.';
      const what = label(service);
      if (enable !== true) {
        const written = enable === false ? 'disables the deployment circuit breaker' : 'has no deployment circuit breaker';
        findings.push(findingAt(service, enablePath, `${what} ${written}; a deployment whose tasks keep failing retries forever instead of rolling back.`, fix));
      } else {
        findings.push(findingAt(service, rollbackPath, `${what} enables the circuit breaker without rollback; a failed deployment stops but stays on the broken version.`, fix));
      }
    }
    return findings;
  },
};
