import type { ResourceChange } from '../../diff/model.js';
import type { Resource } from '../../iac/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { flagAt, judgedCloudResources, label, stringAt } from './aws.js';
import { mentions } from '../../iac/references.js';
import { findingAt, valueAt } from './kubernetes.js';

const TYPES = { terraform: new Set(['aws_autoscaling_group']), cloudformation: new Set(['AWS::AutoScaling::AutoScalingGroup']) };
const LAUNCH_TEMPLATES = new Set(['aws_launch_template']);
const FLOATING = new Set(['$Latest', '$Default']);

/** A launch template specification of the group: where its `version` is, and the top-level key it sits under. */
interface Specification {
  versionPath: string;
  key: string;
}

/** Every launch template specification: the group's own, the mixed instances policy's, and each override's. */
function specifications(group: Resource): Specification[] {
  const terraform = group.kind === 'terraform';
  const own = terraform ? 'launch_template.0' : 'Properties.LaunchTemplate';
  const mixed = terraform ? 'mixed_instances_policy.0.launch_template.0' : 'Properties.MixedInstancesPolicy.LaunchTemplate';
  const spec = terraform ? 'launch_template_specification.0' : 'LaunchTemplateSpecification';
  const overrides = valueAt(group.attributes, `${mixed}.${terraform ? 'override' : 'Overrides'}`);
  const paths = [own, `${mixed}.${spec}`, ...(Array.isArray(overrides) ? overrides.map((_, index) => `${mixed}.${terraform ? 'override' : 'Overrides'}.${index}.${spec}`) : [])];
  return paths
    .filter((path) => valueAt(group.attributes, path) !== undefined)
    .map((path) => ({ versionPath: `${path}.${terraform ? 'version' : 'Version'}`, key: path.split('.')[0] ?? '' }));
}

/** The launch template in the change that a Terraform group's `$Default` follows to its newest version. */
function defaultFollowsLatest(group: Resource, key: string, changes: readonly ResourceChange[]): Resource | undefined {
  const templates = changes.filter((change) => change.after && change.kind === 'terraform' && LAUNCH_TEMPLATES.has(change.type) && flagAt(change.after, 'update_default_version') === true);
  return templates.find((template) => mentions({ after: group }, [key], template))?.after;
}

function terraformFinding(group: Resource, spec: Specification, changes: readonly ResourceChange[]): RuleFinding[] {
  const version = stringAt(group, spec.versionPath);
  const fix = 'Set `version = aws_launch_template.<name>.latest_version` (a new number each time the template changes, so the plan shows it and instance_refresh rolls it out), or a fixed version number.';
  if (version === '$Latest') {
    return [findingAt(group, spec.versionPath, `${label(group)} launches "$Latest" of its launch template; a template change reaches instances whenever the group happens to launch one, without a plan that shows the group change or an instance refresh that rolls it out, so old and new versions serve side by side.`, fix)];
  }
  if (version !== undefined && version !== '$Default') return [];
  const template = defaultFollowsLatest(group, spec.key, changes);
  if (!template) return [];
  const written = version === undefined ? 'launches the default version of its launch template (no version set)' : 'launches "$Default" of its launch template';
  return [findingAt(group, spec.versionPath, `${label(group)} ${written}, and ${label(template)} sets update_default_version = true, so every template change becomes the default at once: instances launched later run the new version without a plan that shows the group change or an instance refresh that rolls it out.`, fix)];
}

function cloudFormationFinding(group: Resource, spec: Specification): RuleFinding[] {
  const version = stringAt(group, spec.versionPath);
  if (version === undefined || !FLOATING.has(version)) return [];
  return [findingAt(group, spec.versionPath, `${label(group)} sets launch template Version "${version}", which CloudFormation does not accept; the stack update fails.`, 'Use `Version: !GetAtt <LaunchTemplate>.LatestVersionNumber`, so each template change gives the group a new version number and its UpdatePolicy rolls it out.')];
}

export const launchTemplateVersion: Rule = {
  id: 'launch-template-version',
  title: 'Autoscaling groups launch a launch template version the change names',
  category: 'deploy',
  severity: 'notice',
  docs: 'docs/rules/launch-template-version.md',
  run: ({ resources }) =>
    judgedCloudResources(resources, TYPES).flatMap((group) =>
      specifications(group).flatMap((spec) => (group.kind === 'terraform' ? terraformFinding(group, spec, resources) : cloudFormationFinding(group, spec))),
    ),
};
