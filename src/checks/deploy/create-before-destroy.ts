import type { ResourceChange } from '../../diff/model.js';
import { isPlanned, type Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { isSetAt, label } from './aws.js';
import { holdersOf } from '../../iac/references.js';
import { findingAt, isRecord } from './kubernetes.js';
import { autoscalingGroupBehindLoadBalancer } from './load-balancer.js';
import { forcedChanges, forcedPath } from './replacement.js';

/**
 * A resource type whose replacement interrupts traffic behind a load balancer: the arguments the
 * AWS provider marks ForceNew (the common ones), the resources that use it there and the keys
 * through which they point at it, and how a message says what they do with it.
 */
interface Serving {
  forceNew: readonly string[];
  users: ReadonlySet<string>;
  keys: readonly string[];
  uses: string;
}

const TARGET_GROUP: Serving = {
  forceNew: ['name', 'name_prefix', 'port', 'protocol', 'protocol_version', 'target_type', 'vpc_id', 'ip_address_type'],
  users: new Set(['aws_lb_listener', 'aws_alb_listener', 'aws_lb_listener_rule', 'aws_alb_listener_rule']),
  keys: ['default_action', 'action'],
  uses: 'forwards traffic to it',
};
const LAUNCHERS = { users: new Set(['aws_autoscaling_group']), keys: ['launch_configuration', 'launch_template', 'mixed_instances_policy'], uses: 'launches its instances from it behind a load balancer' };
const CERTIFICATE_USERS = { users: new Set(['aws_lb_listener', 'aws_alb_listener', 'aws_lb_listener_certificate', 'aws_alb_listener_certificate', 'aws_elb']), keys: ['certificate_arn', 'listener'], uses: 'serves it to clients' };

const SERVING: Readonly<Record<string, Serving>> = {
  aws_lb_target_group: TARGET_GROUP,
  aws_alb_target_group: TARGET_GROUP,
  aws_launch_configuration: {
    ...LAUNCHERS,
    forceNew: ['name', 'name_prefix', 'image_id', 'instance_type', 'user_data', 'user_data_base64', 'key_name', 'security_groups', 'iam_instance_profile', 'associate_public_ip_address', 'root_block_device', 'ebs_block_device', 'ebs_optimized', 'enable_monitoring', 'metadata_options', 'placement_tenancy', 'spot_price'],
  },
  aws_launch_template: { ...LAUNCHERS, forceNew: ['name', 'name_prefix'] },
  aws_acm_certificate: { ...CERTIFICATE_USERS, forceNew: ['domain_name', 'subject_alternative_names', 'key_algorithm', 'certificate_authority_arn'] },
  aws_iam_server_certificate: { ...CERTIFICATE_USERS, forceNew: ['name', 'name_prefix', 'path', 'certificate_body', 'certificate_chain'] },
  aws_instance: {
    forceNew: ['ami', 'availability_zone', 'subnet_id', 'key_name', 'private_ip', 'placement_group', 'tenancy'],
    users: new Set(['aws_lb_target_group_attachment', 'aws_alb_target_group_attachment', 'aws_elb', 'aws_elb_attachment']),
    keys: ['target_id', 'instances', 'instance'],
    uses: 'registers it with a load balancer',
  },
};

const createsFirst = (resource: Resource | undefined): boolean => isRecord(resource?.meta.lifecycle) && resource.meta.lifecycle.create_before_destroy === true;

/** Why the change replaces the resource destroy-first, and the attribute to point at; undefined when it does not. */
function destroyFirst(change: ResourceChange, serving: Serving): { reason: string; path: string } | undefined {
  const after = change.after;
  if (!after || !change.before) return undefined;
  const what = label(after);
  if (isPlanned(after)) {
    // A plan orders the actions itself: create then delete means create_before_destroy is in force.
    const actions = Array.isArray(after.meta.actions) ? after.meta.actions : [];
    if (after.meta.replace !== true || actions[0] !== 'delete') return undefined;
    const because = typeof after.meta.actionReason === 'string' ? ` (${after.meta.actionReason.replaceAll('_', ' ')})` : '';
    return { reason: `The plan destroys ${what} before creating its replacement${because}`, path: '' };
  }
  if (change.change !== 'changed' || createsFirst(after)) return undefined;
  const forced = forcedChanges(change, serving.forceNew);
  const [first] = forced;
  if (first === undefined) return undefined;
  return { reason: `Changing ${forced.join(', ')} makes Terraform replace ${what}`, path: forcedPath(first, serving.forceNew) ?? '' };
}

/** The users that put the resource behind a load balancer (a launching group only when it is behind one itself). */
function servingUsers(change: ResourceChange, serving: Serving, changes: readonly ResourceChange[]): ResourceChange[] {
  return holdersOf(changes, serving.users, serving.keys, change).filter((user) => user.type !== 'aws_autoscaling_group' || autoscalingGroupBehindLoadBalancer(user, changes));
}

function finding(change: ResourceChange, changes: readonly ResourceChange[]): RuleFinding[] {
  const serving = SERVING[change.type];
  const after = change.after;
  if (!serving || !after || change.kind !== 'terraform') return [];
  const replaced = destroyFirst(change, serving);
  if (!replaced) return [];
  const users = servingUsers(change, serving, changes);
  // Terraform gives a resource create_before_destroy when something that depends on it has it.
  if (users.length === 0 || users.some((user) => createsFirst(user.after))) return [];
  const named = isSetAt(after, 'name') && serving.forceNew.includes('name_prefix') ? ', and name_prefix instead of a fixed name so the old and the new one can exist side by side' : '';
  return [
    findingAt(
      after,
      replaced.path,
      `${replaced.reason}, and ${users.map((user) => (user.after ? label(user.after) : user.address)).join(', ')} ${serving.uses}; without create_before_destroy the old one is destroyed first, so the apply fails while it is still in use or traffic has nothing to reach until the new one is ready.`,
      `Add \`lifecycle { create_before_destroy = true }\` to ${label(after)}${named}.`,
    ),
  ];
}

export const createBeforeDestroy: Rule = {
  id: 'create-before-destroy',
  title: 'Resources replaced behind a load balancer are created before the old ones go',
  category: 'deploy',
  severity: 'notice',
  docs: 'docs/rules/create-before-destroy.md',
  judgesChange: true,
  run: ({ resources }) => resources.flatMap((change) => (change.change === 'added' || change.change === 'removed' ? [] : finding(change, resources))),
};
