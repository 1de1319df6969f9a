import type { Resource } from '../../iac/model.js';
import { isUnknown } from '../../iac/values.js';
import type { Rule, RuleFinding } from '../model.js';
import { UNKNOWN, isSetAt, judgedCloudResources, label, stringAt } from './aws.js';
import { findingAt, valueAt } from './kubernetes.js';

const TYPES = {
  terraform: new Set(['aws_lb_target_group', 'aws_alb_target_group']),
  cloudformation: new Set(['AWS::ElasticLoadBalancingV2::TargetGroup']),
};
const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTPS']);

/** Where each setting lives, and how the fix writes it. */
interface Setting {
  name: string;
  path: string;
  example: string;
}

interface Spelling {
  targetType: string;
  protocol: string;
  block: string;
  healthProtocol: string;
  path: Setting;
  matcher: Setting;
  thresholds: readonly Setting[];
}

const TERRAFORM: Spelling = {
  targetType: 'target_type',
  protocol: 'protocol',
  block: 'health_check',
  healthProtocol: 'health_check.0.protocol',
  path: { name: 'path', path: 'health_check.0.path', example: 'path = "/healthz"' },
  matcher: { name: 'matcher', path: 'health_check.0.matcher', example: 'matcher = "200"' },
  thresholds: [
    { name: 'healthy_threshold', path: 'health_check.0.healthy_threshold', example: 'healthy_threshold = 3' },
    { name: 'unhealthy_threshold', path: 'health_check.0.unhealthy_threshold', example: 'unhealthy_threshold = 3' },
  ],
};

const CLOUDFORMATION: Spelling = {
  targetType: 'Properties.TargetType',
  protocol: 'Properties.Protocol',
  block: 'Properties',
  healthProtocol: 'Properties.HealthCheckProtocol',
  path: { name: 'HealthCheckPath', path: 'Properties.HealthCheckPath', example: 'HealthCheckPath: /healthz' },
  matcher: { name: 'Matcher', path: 'Properties.Matcher', example: 'Matcher: { HttpCode: "200" }' },
  thresholds: [
    { name: 'HealthyThresholdCount', path: 'Properties.HealthyThresholdCount', example: 'HealthyThresholdCount: 3' },
    { name: 'UnhealthyThresholdCount', path: 'Properties.UnhealthyThresholdCount', example: 'UnhealthyThresholdCount: 3' },
  ],
};

/**
 * The protocol of the health check: its own, else the target group's for HTTP(S) groups, else TCP
 * (the AWS default for network and gateway load balancer groups). Undefined when it cannot be told.
 */
function healthProtocol(group: Resource, spelling: Spelling, protocol: string): string | undefined {
  const own = stringAt(group, spelling.healthProtocol);
  if (own === UNKNOWN) return undefined;
  return (own ?? (HTTP_PROTOCOLS.has(protocol) ? protocol : 'TCP')).toUpperCase();
}

function finding(group: Resource): RuleFinding[] {
  const spelling = group.kind === 'terraform' ? TERRAFORM : CLOUDFORMATION;
  const targetType = stringAt(group, spelling.targetType);
  const protocol = stringAt(group, spelling.protocol);
  // Lambda targets are invoked, not probed; a protocol the source leaves open cannot be judged.
  if (targetType === UNKNOWN || targetType?.toLowerCase() === 'lambda' || protocol === undefined || protocol === UNKNOWN) return [];
  if (isUnknown(valueAt(group.attributes, spelling.block))) return [];
  const probe = healthProtocol(group, spelling, protocol.toUpperCase());
  if (probe === undefined) return [];
  const wanted = HTTP_PROTOCOLS.has(probe) ? [spelling.path, spelling.matcher, ...spelling.thresholds] : spelling.thresholds;
  const missing = wanted.filter((setting) => !isSetAt(group, setting.path));
  const [first] = missing;
  if (first === undefined) return [];
  const pathMissing = missing.includes(spelling.path);
  const consequence = pathMissing
    ? 'the load balancer probes "/", which often answers while the application behind it is broken, so new targets take traffic before they work and failing ones keep it'
    : 'the thresholds decide how fast a failing target leaves and a new one takes traffic during a rollout, and the defaults were chosen by nobody who knows this service';
  return [
    findingAt(
      group,
      first.path,
      `${label(group)} (${protocol.toUpperCase()}) leaves its health check ${missing.map((setting) => setting.name).join(', ')} to the defaults; ${consequence}.`,
      group.kind === 'terraform'
        ? `Set them in the health_check block: ${missing.map((setting) => setting.example).join(', ')} (a path that checks the application's own dependencies).`
        : `Set ${missing.map((setting) => setting.example).join(', ')} (a path that checks the application's own dependencies).`,
    ),
  ];
}

export const lbHealthCheck: Rule = {
  id: 'lb-health-check',
  title: 'Load balancer target groups check the application, with chosen thresholds',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/lb-health-check.md',
  run: ({ resources }) => judgedCloudResources(resources, TYPES).flatMap(finding),
};
