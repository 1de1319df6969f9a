import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../changes/model.js';
import type { ResourceChange } from '../../diff/model.js';
import { runGate } from '../../gate.js';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { changeSet, plainConfig } from '../../test-support.js';
import { added, cfn, changed, expectFindingsOn, runRule, tf } from './test-support.js';

const unchanged = (resource: Resource): ResourceChange => ({ address: resource.address, kind: resource.kind, type: resource.type, change: 'unchanged', before: resource, after: resource, changedAttributes: [] });

function run(id: string, resources: ResourceChange[]) {
  return runRule(id, resources);
}

const ref = (text: string) => unknownValue(`${text} (known after apply)`);
const plan = (meta: Record<string, unknown> = {}) => ({ source: 'plan', ...meta });
const createBeforeDestroy = { lifecycle: { create_before_destroy: true } };
const healthCheck = { path: '/healthz', matcher: '200', healthy_threshold: 3, unhealthy_threshold: 3 };
const webGroup = (port: number, meta: Record<string, unknown> = {}) => tf('aws_lb_target_group', 'web', { name: 'web', port, protocol: 'HTTP', health_check: [healthCheck] }, meta);
const listener = (meta: Record<string, unknown> = {}) => tf('aws_lb_listener', 'https', { port: 443, default_action: [{ type: 'forward', target_group_arn: ref('aws_lb_target_group.web.arn') }] }, meta);
const launchConfig = (image: string) => tf('aws_launch_configuration', 'workers', { name_prefix: 'w-', image_id: image });
const asgFrom = (attributes: Record<string, unknown>) => tf('aws_autoscaling_group', 'workers', { launch_configuration: ref('aws_launch_configuration.workers.name'), ...attributes });
const fn = tf('aws_lambda_function', 'orders', { function_name: 'orders', publish: true });
const mapping = (functionName: unknown, file?: string) => tf('aws_lambda_event_source_mapping', 'orders', { event_source_arn: 'arn:aws:sqs:eu-west-1:123456789012:q', function_name: functionName }, {}, file);
const cfnFn = cfn('AWS::Lambda::Function', 'Orders', { Handler: 'index.handler' });

// [rule, case, changes, expected finding lines]
const cases: Array<[string, string, ResourceChange[], number[]]> = [
  ['launch-template-version', 'tf: $Latest', [added(tf('aws_autoscaling_group', 'app', { launch_template: [{ id: ref('aws_launch_template.app.id'), version: '$Latest' }] }))], [11]],
  ['launch-template-version', 'tf: a version number', [added(tf('aws_autoscaling_group', 'app', { launch_template: [{ id: 'lt-1', version: '3' }] }))], []],
  ['launch-template-version', 'tf: latest_version reference', [added(tf('aws_autoscaling_group', 'app', { launch_template: [{ id: 'lt-1', version: ref('aws_launch_template.app.latest_version') }] }))], []],
  ['launch-template-version', 'tf: no version, template keeps its default', [added(tf('aws_launch_template', 'app', { image_id: 'ami-1' })), added(tf('aws_autoscaling_group', 'app', { launch_template: [{ id: ref('aws_launch_template.app.id') }] }))], []],
  [
    'launch-template-version',
    'tf: no version, template moves its default to each new version',
    [added(tf('aws_launch_template', 'app', { update_default_version: true })), added(tf('aws_autoscaling_group', 'app', { min_size: 2, launch_template: [{ id: ref('aws_launch_template.app.id') }] }))],
    [12],
  ],
  ['launch-template-version', 'tf: $Default of another template', [added(tf('aws_launch_template', 'other', { update_default_version: true })), added(tf('aws_autoscaling_group', 'app', { launch_template: [{ id: ref('aws_launch_template.app.id'), version: '$Default' }] }))], []],
  [
    'launch-template-version',
    'tf: mixed instances policy and its override',
    [
      added(
        tf('aws_autoscaling_group', 'app', {
          mixed_instances_policy: [{ launch_template: [{ launch_template_specification: [{ launch_template_id: 'lt-1', version: '$Latest' }], override: [{ instance_type: 'm6i.large' }, { launch_template_specification: [{ launch_template_id: 'lt-2', version: '$Latest' }] }] }] }],
        }),
      ),
    ],
    [11, 11],
  ],
  ['launch-template-version', 'plan: $Latest', [added(tf('aws_autoscaling_group', 'app', { launch_template: [{ id: 'lt-1', version: '$Latest' }] }, plan()))], [11]],
  ['launch-template-version', 'cfn: $Latest is rejected by CloudFormation', [added(cfn('AWS::AutoScaling::AutoScalingGroup', 'App', { LaunchTemplate: { LaunchTemplateId: 'lt-1', Version: '$Latest' } }))], [21]],
  ['launch-template-version', 'cfn: LatestVersionNumber', [added(cfn('AWS::AutoScaling::AutoScalingGroup', 'App', { LaunchTemplate: { LaunchTemplateId: 'lt-1', Version: unknownValue('Fn::GetAtt Tpl.LatestVersionNumber') } }))], []],
  ['db-apply-immediately', 'tf: true in production', [added(tf('aws_db_instance', 'db', { instance_class: 'db.r6g.large', apply_immediately: true }))], [12]],
  ['db-apply-immediately', 'tf: "true" on a cluster instance', [added(tf('aws_rds_cluster_instance', 'db', { apply_immediately: 'true' }))], [11]],
  ['db-apply-immediately', 'tf: false', [added(tf('aws_db_instance', 'db', { apply_immediately: false }))], []],
  ['db-apply-immediately', 'tf: unset', [added(tf('aws_rds_cluster', 'db', { engine: 'aurora-postgresql' }))], []],
  ['db-apply-immediately', 'tf: unknown', [added(tf('aws_db_instance', 'db', { apply_immediately: unknownValue('var.now') }))], []],
  ['db-apply-immediately', 'tf: staging path', [added(tf('aws_db_instance', 'db', { apply_immediately: true }, {}, 'envs/staging/db.tf'))], []],
  ['db-apply-immediately', 'tf: tagged Environment = dev', [added(tf('aws_db_instance', 'db', { apply_immediately: true, tags: { Environment: 'dev' } }))], []],
  ['db-apply-immediately', 'plan: true', [added(tf('aws_db_instance', 'db', { apply_immediately: true }, plan()))], [11]],
  ['lb-health-check', 'tf: HTTP without health_check → on the resource', [added(tf('aws_lb_target_group', 'web', { port: 80, protocol: 'HTTP' }))], [10]],
  ['lb-health-check', 'tf: HTTP with everything chosen', [added(tf('aws_lb_target_group', 'web', { protocol: 'HTTP', health_check: [healthCheck] }))], []],
  ['lb-health-check', 'tf: HTTPS with a path only → on the block', [added(tf('aws_alb_target_group', 'web', { protocol: 'HTTPS', health_check: [{ path: '/healthz' }] }))], [12]],
  ['lb-health-check', 'tf: TCP needs thresholds', [added(tf('aws_lb_target_group', 'nlb', { protocol: 'TCP' }))], [10]],
  ['lb-health-check', 'tf: TCP with thresholds needs no path', [added(tf('aws_lb_target_group', 'nlb', { protocol: 'TCP', health_check: [{ healthy_threshold: 3, unhealthy_threshold: 3 }] }))], []],
  ['lb-health-check', 'tf: TCP group probed over HTTP needs a path', [added(tf('aws_lb_target_group', 'nlb', { protocol: 'TCP', health_check: [{ protocol: 'HTTP', healthy_threshold: 3, unhealthy_threshold: 3 }] }))], [12]],
  ['lb-health-check', 'tf: Lambda targets are exempt', [added(tf('aws_lb_target_group', 'fn', { target_type: 'lambda' }))], []],
  ['lb-health-check', 'tf: unknown protocol', [added(tf('aws_lb_target_group', 'web', { protocol: unknownValue('var.protocol') }))], []],
  ['lb-health-check', 'tf: health_check from a dynamic block over an unknown', [added(tf('aws_lb_target_group', 'web', { protocol: 'HTTP', health_check: unknownValue('dynamic "health_check" blocks over var.checks') }))], []],
  ['lb-health-check', 'cfn: HTTP without a health check → on Properties', [added(cfn('AWS::ElasticLoadBalancingV2::TargetGroup', 'Web', { Port: 80, Protocol: 'HTTP' }))], [20]],
  [
    'lb-health-check',
    'cfn: everything chosen',
    [added(cfn('AWS::ElasticLoadBalancingV2::TargetGroup', 'Web', { Protocol: 'HTTP', HealthCheckPath: '/healthz', Matcher: { HttpCode: '200' }, HealthyThresholdCount: 3, UnhealthyThresholdCount: '3' }))],
    [],
  ],
  ['lb-health-check', 'cfn: Lambda targets are exempt', [added(cfn('AWS::ElasticLoadBalancingV2::TargetGroup', 'Fn', { TargetType: 'lambda' }))], []],
  ['create-before-destroy', 'tf: target group port changed while a listener forwards to it', [changed(webGroup(80), webGroup(8080)), unchanged(listener())], [12]],
  ['create-before-destroy', 'tf: the group creates first', [changed(webGroup(80, createBeforeDestroy), webGroup(8080, createBeforeDestroy)), unchanged(listener())], []],
  ['create-before-destroy', 'tf: the listener creates first, so Terraform makes the group do so', [changed(webGroup(80), webGroup(8080)), unchanged(listener(createBeforeDestroy))], []],
  ['create-before-destroy', 'tf: no listener uses the group', [changed(webGroup(80), webGroup(8080))], []],
  [
    'create-before-destroy',
    'tf: an updatable argument changed',
    [changed(tf('aws_lb_target_group', 'web', { port: 80, deregistration_delay: 300 }), tf('aws_lb_target_group', 'web', { port: 80, deregistration_delay: 30 })), unchanged(listener())],
    [],
  ],
  ['create-before-destroy', 'tf: launch configuration of a group behind a target group', [changed(launchConfig('ami-1'), launchConfig('ami-2')), unchanged(asgFrom({ target_group_arns: [ref('aws_lb_target_group.web.arn')] }))], [12]],
  ['create-before-destroy', 'tf: launch configuration of a group behind nothing', [changed(launchConfig('ami-1'), launchConfig('ami-2')), unchanged(asgFrom({ min_size: 2 }))], []],
  [
    'create-before-destroy',
    'tf: launch configuration of a group attached separately',
    [changed(launchConfig('ami-1'), launchConfig('ami-2')), unchanged(asgFrom({})), unchanged(tf('aws_autoscaling_attachment', 'w', { autoscaling_group_name: ref('aws_autoscaling_group.workers.name'), lb_target_group_arn: ref('aws_lb_target_group.web.arn') }))],
    [12],
  ],
  [
    'create-before-destroy',
    'tf: certificate a listener serves',
    [
      changed(tf('aws_acm_certificate', 'site', { domain_name: 'shop.example.com' }), tf('aws_acm_certificate', 'site', { domain_name: 'www.example.com' })),
      unchanged(tf('aws_lb_listener', 'https', { certificate_arn: ref('aws_acm_certificate.site.arn') })),
    ],
    [11],
  ],
  [
    'create-before-destroy',
    'tf: instance registered in a target group',
    [changed(tf('aws_instance', 'web', { ami: 'ami-1' }), tf('aws_instance', 'web', { ami: 'ami-2' })), unchanged(tf('aws_lb_target_group_attachment', 'web', { target_group_arn: 'arn:tg', target_id: ref('aws_instance.web.id') }))],
    [11],
  ],
  [
    'create-before-destroy',
    'plan: destroy-first replacement of a group the listener uses (by ARN)',
    [
      changed(
        tf('aws_lb_target_group', 'web', { arn: 'arn:tg/web/1', port: 80 }, plan()),
        tf('aws_lb_target_group', 'web', { arn: ref('arn'), port: 8080 }, plan({ actions: ['delete', 'create'], replace: true, actionReason: 'replace_because_cannot_update' })),
      ),
      changed(tf('aws_lb_listener', 'https', { default_action: [{ target_group_arn: 'arn:tg/web/1' }] }, plan()), tf('aws_lb_listener', 'https', { default_action: [{ target_group_arn: ref('target_group_arn') }] }, plan())),
    ],
    [10],
  ],
  [
    'create-before-destroy',
    'plan: create-first replacement',
    [
      changed(tf('aws_lb_target_group', 'web', { arn: 'arn:tg/web/1', port: 80 }, plan()), tf('aws_lb_target_group', 'web', { port: 8080 }, plan({ actions: ['create', 'delete'], replace: true }))),
      unchanged(tf('aws_lb_listener', 'https', { default_action: [{ target_group_arn: 'arn:tg/web/1' }] }, plan())),
    ],
    [],
  ],
  ['lambda-gradual-deploy', 'tf: mapping on the unqualified function', [unchanged(fn), added(mapping(ref('aws_lambda_function.orders.arn')))], [12]],
  ['lambda-gradual-deploy', 'tf: mapping on an alias', [unchanged(fn), added(mapping(ref('aws_lambda_alias.live.arn')))], []],
  ['lambda-gradual-deploy', 'tf: mapping on the published version', [unchanged(fn), added(mapping(ref('aws_lambda_function.orders.qualified_arn')))], []],
  ['lambda-gradual-deploy', 'tf: mapping on :$LATEST', [unchanged(fn), added(mapping(unknownValue('${aws_lambda_function.orders.arn}:$LATEST')))], [12]],
  ['lambda-gradual-deploy', 'tf: mapping on :live', [unchanged(fn), added(mapping(unknownValue('${aws_lambda_function.orders.arn}:live')))], []],
  ['lambda-gradual-deploy', 'tf: mapping on a module output', [unchanged(fn), added(mapping(unknownValue('module.fn.arn')))], []],
  ['lambda-gradual-deploy', 'tf: mapping outside production', [unchanged(fn), added(mapping(ref('aws_lambda_function.orders.arn'), 'envs/dev/main.tf'))], []],
  ['lambda-gradual-deploy', 'tf: bare function name', [added(mapping('orders'))], [12]],
  ['lambda-gradual-deploy', 'tf: function name with an alias', [added(mapping('orders:live'))], []],
  ['lambda-gradual-deploy', 'plan: known unqualified ARN', [added(mapping('arn:aws:lambda:eu-west-1:123456789012:function:orders'))], [12]],
  ['lambda-gradual-deploy', 'plan: known ARN with $LATEST', [added(mapping('arn:aws:lambda:eu-west-1:123456789012:function:orders:$LATEST'))], [12]],
  ['lambda-gradual-deploy', 'tf: permission with a qualifier', [unchanged(fn), added(tf('aws_lambda_permission', 'api', { function_name: ref('aws_lambda_function.orders.function_name'), qualifier: 'live' }))], []],
  ['lambda-gradual-deploy', 'tf: permission without a qualifier', [unchanged(fn), added(tf('aws_lambda_permission', 'api', { function_name: ref('aws_lambda_function.orders.function_name') }))], [11]],
  ['lambda-gradual-deploy', 'tf: HTTP API integration on invoke_arn', [unchanged(fn), added(tf('aws_apigatewayv2_integration', 'api', { integration_type: 'AWS_PROXY', integration_uri: ref('aws_lambda_function.orders.invoke_arn') }))], [12]],
  [
    'lambda-gradual-deploy',
    'tf: canary alias and CodeDeploy group are not invokers',
    [
      unchanged(fn),
      added(tf('aws_lambda_alias', 'live', { function_name: ref('aws_lambda_function.orders.function_name'), routing_config: [{ additional_version_weights: { '7': 0.1 } }] })),
      added(tf('aws_codedeploy_deployment_group', 'orders', { deployment_config_name: 'CodeDeployDefault.LambdaCanary10Percent5Minutes' })),
    ],
    [],
  ],
  ['lambda-gradual-deploy', 'cfn: mapping on !GetAtt Fn.Arn', [unchanged(cfnFn), added(cfn('AWS::Lambda::EventSourceMapping', 'Map', { FunctionName: unknownValue('Fn::GetAtt Orders.Arn') }))], [21]],
  ['lambda-gradual-deploy', 'cfn: permission on an alias', [unchanged(cfnFn), added(cfn('AWS::Lambda::Alias', 'Live', {})), added(cfn('AWS::Lambda::Permission', 'Perm', { FunctionName: unknownValue('Ref Live') }))], []],
  ['lambda-gradual-deploy', 'cfn: SAM alias reference', [unchanged(cfn('AWS::Serverless::Function', 'Orders', {})), added(cfn('AWS::Lambda::Permission', 'Perm', { FunctionName: unknownValue('Ref Orders.Alias') }))], []],
  [
    'lambda-gradual-deploy',
    'cfn: REST method integration through !Sub',
    [unchanged(cfnFn), added(cfn('AWS::ApiGateway::Method', 'Post', { Integration: { Type: 'AWS_PROXY', Uri: unknownValue('Fn::Sub arn:aws:apigateway:${Ref AWS::Region}:lambda:path/2015-03-31/functions/${Fn::GetAtt Orders.Arn}/invocations') } }))],
    [21],
  ],
  ['lambda-gradual-deploy', 'cfn: SAM function with events and no alias', [added(cfn('AWS::Serverless::Function', 'Orders', { Handler: 'index.handler', Events: { Queue: { Type: 'SQS' } } }))], [22]],
  ['lambda-gradual-deploy', 'cfn: SAM function with AutoPublishAlias and DeploymentPreference', [added(cfn('AWS::Serverless::Function', 'Orders', { AutoPublishAlias: 'live', DeploymentPreference: { Type: 'Canary10Percent5Minutes' }, Events: { Queue: { Type: 'SQS' } } }))], []],
  ['asg-health-and-refresh', 'tf: attached to a target group by a separate attachment', [added(tf('aws_autoscaling_group', 'api', { min_size: 2, instance_refresh: [{}] })), added(tf('aws_autoscaling_attachment', 'api', { autoscaling_group_name: ref('aws_autoscaling_group.api.name'), lb_target_group_arn: ref('aws_lb_target_group.web.arn') }))], [10]],
  ['asg-health-and-refresh', 'tf: attachment of another group', [added(tf('aws_autoscaling_group', 'api', { min_size: 2, instance_refresh: [{}] })), added(tf('aws_autoscaling_attachment', 'api', { autoscaling_group_name: ref('aws_autoscaling_group.other.name'), lb_target_group_arn: 'arn:tg' }))], []],
  [
    'asg-health-and-refresh',
    'tf: elbv2 traffic source',
    [added(tf('aws_autoscaling_group', 'api', { min_size: 2, instance_refresh: [{}] })), added(tf('aws_autoscaling_traffic_source_attachment', 'api', { autoscaling_group_name: ref('aws_autoscaling_group.api.name'), traffic_source: [{ identifier: 'arn:tg', type: 'elbv2' }] }))],
    [10],
  ],
  [
    'asg-health-and-refresh',
    'tf: VPC Lattice traffic source is not a load balancer',
    [added(tf('aws_autoscaling_group', 'api', { min_size: 2, instance_refresh: [{}] })), added(tf('aws_autoscaling_traffic_source_attachment', 'api', { autoscaling_group_name: ref('aws_autoscaling_group.api.name'), traffic_source: [{ identifier: 'arn:lattice', type: 'vpc-lattice' }] }))],
    [],
  ],
  ['asg-health-and-refresh', 'plan: attachment naming the group', [added(tf('aws_autoscaling_group', 'api', { name: 'api', min_size: 2, instance_refresh: [{}] }, plan())), added(tf('aws_autoscaling_attachment', 'api', { autoscaling_group_name: 'api', lb_target_group_arn: 'arn:tg' }, plan()))], [10]],
];

describe('Terraform and CloudFormation "should" rollout rules, valid and invalid resources', () => {
  it.each(cases)('%s: %s', (id, _name, resources, lines) => {
    expectFindingsOn(runRule(id, resources), lines);
  });

  it.each<[string, string, ResourceChange[]]>([
    ['lb-health-check', 'aws_lb_target_group.web (HTTPS) leaves its health check matcher, healthy_threshold, unhealthy_threshold to the defaults', [added(tf('aws_lb_target_group', 'web', { protocol: 'HTTPS', health_check: [{ path: '/healthz' }] }))]],
    ['lb-health-check', 'AWS::ElasticLoadBalancingV2::TargetGroup Nlb (TCP) leaves its health check HealthyThresholdCount, UnhealthyThresholdCount to the defaults', [added(cfn('AWS::ElasticLoadBalancingV2::TargetGroup', 'Nlb', { Protocol: 'TCP' }))]],
    ['create-before-destroy', 'Changing port (80 → 8080) makes Terraform replace aws_lb_target_group.web, and aws_lb_listener.https forwards traffic to it', [changed(webGroup(80), webGroup(8080)), unchanged(listener())]],
    ['lambda-gradual-deploy', 'aws_lambda_event_source_mapping.orders invokes aws_lambda_function.orders at $LATEST in production', [unchanged(fn), added(mapping(unknownValue('${aws_lambda_function.orders.arn}:$LATEST')))]],
    ['lambda-gradual-deploy', 'aws_lambda_event_source_mapping.orders invokes orders without a version or alias (that is $LATEST) in production', [added(mapping('orders'))]],
    ['launch-template-version', 'and aws_launch_template.app sets update_default_version = true', [added(tf('aws_launch_template', 'app', { update_default_version: true })), added(tf('aws_autoscaling_group', 'app', { launch_template: [{ id: ref('aws_launch_template.app.id') }] }))]],
  ])('%s says: %s', (id, text, resources) => {
    expect(run(id, resources).map((finding) => finding.message).join('\n')).toContain(text);
  });

  it('suggests name_prefix only where a fixed name would clash', () => {
    const [named] = run('create-before-destroy', [changed(webGroup(80), webGroup(8080)), unchanged(listener())]);
    expect(named?.fix).toContain('name_prefix instead of a fixed name');
    const [prefixed] = run('create-before-destroy', [changed(launchConfig('ami-1'), launchConfig('ami-2')), unchanged(asgFrom({ target_group_arns: ['arn:tg'] }))]);
    expect(prefixed?.fix).toBe('Add `lifecycle { create_before_destroy = true }` to aws_launch_configuration.workers.');
  });
});

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/deploy-iac/should/${name}`, import.meta.url), 'utf8');
const SHOULD_RULES = new Set(['launch-template-version', 'db-apply-immediately', 'create-before-destroy', 'lb-health-check', 'lambda-gradual-deploy', 'asg-health-and-refresh']);

function gate(files: ChangedFile[], ruleSettings: Parameters<typeof plainConfig>[0] = {}) {
  return runGate({ config: plainConfig(ruleSettings), changes: changeSet(files) }).findings.filter((finding) => SHOULD_RULES.has(finding.ruleId));
}

const summary = (findings: ReturnType<typeof gate>) => findings.map((f) => `${f.line} ${f.ruleId} ${f.resource ?? ''}${f.suppressed ? ' suppressed' : ''}`).sort();
const tfHead = (text = fixture('terraform/head/main.tf')): ChangedFile[] => [{ path: 'infra/prod/main.tf', status: 'added', after: text }];

describe('a Terraform root through the gate', () => {
  it('reports each rule on its line in a new root', () => {
    // Reviewed by hand against should/terraform/head/main.tf.
    expect(summary(gate(tfHead()))).toEqual(
      [
        '12 lb-health-check aws_lb_target_group.web', // HTTP, no health_check block
        '95 asg-health-and-refresh aws_autoscaling_group.app', // attached by aws_autoscaling_attachment.app, default EC2 health check
        '102 launch-template-version aws_autoscaling_group.app', // "$Latest"
        '120 launch-template-version aws_autoscaling_group.batch', // no version (on the block), template has update_default_version
        '137 db-apply-immediately aws_db_instance.orders',
        '165 lambda-gradual-deploy aws_lambda_event_source_mapping.orders', // aws_lambda_function.orders.arn
      ].sort(),
    );
  });

  it('reports the replacements of a modified root behind the load balancer', () => {
    const findings = gate([{ path: 'infra/prod/main.tf', status: 'modified', before: fixture('terraform/base/main.tf'), after: fixture('terraform/head/main.tf') }]).filter((f) => f.ruleId === 'create-before-destroy');
    // The api group's port changes too, but it creates first; the workers group is behind the api target group.
    expect(findings.map((f) => [f.line, f.resource, f.severity])).toEqual([
      [14, 'aws_lb_target_group.web', 'notice'],
      [71, 'aws_launch_configuration.workers', 'notice'],
    ]);
    expect(findings[0]?.message).toBe(
      'Changing port (80 → 8080) makes Terraform replace aws_lb_target_group.web, and aws_lb_listener.https forwards traffic to it; without create_before_destroy the old one is destroyed first, so the apply fails while it is still in use or traffic has nothing to reach until the new one is ready.',
    );
    expect(findings[1]?.message).toContain('aws_autoscaling_group.workers launches its instances from it behind a load balancer');
  });

  it('reads a saved plan', () => {
    const findings = gate([{ path: 'infra/prod/tfplan.json', status: 'added', after: fixture('terraform/plan.json') }]);
    expect(findings.map((f) => `${f.ruleId} ${f.resource ?? ''}`).sort()).toEqual(
      [
        'asg-health-and-refresh aws_autoscaling_group.batch', // aws_autoscaling_attachment.batch names it
        'create-before-destroy aws_lb_target_group.web', // delete then create, the listener's ARN points at it
        'db-apply-immediately aws_db_instance.orders',
        'lambda-gradual-deploy aws_lambda_event_source_mapping.orders', // known unqualified ARN
        'launch-template-version aws_autoscaling_group.app',
      ].sort(),
    );
    expect(findings.find((f) => f.ruleId === 'create-before-destroy')?.message).toContain('The plan destroys aws_lb_target_group.web before creating its replacement (replace because cannot update)');
  });

  it('honours tollgate:ignore on the reported line', () => {
    const text = fixture('terraform/head/main.tf').replace('  apply_immediately       = true', '  apply_immediately       = true # tollgate:ignore db-apply-immediately one-off resize approved in CHG-123');
    expect(gate(tfHead(text)).find((f) => f.ruleId === 'db-apply-immediately')).toMatchObject({ suppressed: true, suppressionReason: 'one-off resize approved in CHG-123' });
  });

  it('honours a checkov:skip comment inside the resource for the checks that mean the same', () => {
    const text = fixture('terraform/head/main.tf').replace('  multi_az                = true\n', '  #checkov:skip=CKV_AWS_157:"replica in the DR region"\n  multi_az                = false\n');
    const report = runGate({ config: plainConfig(), changes: changeSet(tfHead(text)) });
    expect(report.findings.find((f) => f.ruleId === 'db-high-availability')).toMatchObject({ suppressed: true, suppressionReason: 'replica in the DR region' });
    // CKV_AWS_157 is not about apply_immediately: that finding stays.
    expect(report.findings.find((f) => f.ruleId === 'db-apply-immediately')).toMatchObject({ suppressed: false });
  });

  it('is silent when turned off', () => {
    const ids = gate(tfHead(), { ruleSettings: { 'launch-template-version': { level: 'off' }, 'lambda-gradual-deploy': { level: 'off' } } }).map((f) => f.ruleId);
    expect(ids).not.toContain('launch-template-version');
    expect(ids).not.toContain('lambda-gradual-deploy');
    expect(ids).toContain('lb-health-check');
    expect(gate(tfHead(), { ruleSettings: { 'db-apply-immediately': { level: 'off' } } }).some((f) => f.ruleId === 'db-apply-immediately')).toBe(false);
    expect(gate(tfHead()).some((f) => f.ruleId === 'db-apply-immediately')).toBe(true);
  });
});

describe('a CloudFormation and SAM stack through the gate', () => {
  const stack = (text = fixture('cloudformation/stack.yaml')): ChangedFile[] => [{ path: 'stacks/checkout.yaml', status: 'added', after: text }];

  it('reports each rule on its line', () => {
    // Reviewed by hand against should/cloudformation/stack.yaml.
    expect(summary(gate(stack()))).toEqual(
      [
        '8 lb-health-check stacks/checkout.yaml#WebTargetGroup', // HTTP, no HealthCheckPath, Matcher or thresholds
        '57 launch-template-version stacks/checkout.yaml#Batch', // Version: $Latest
        '72 lambda-gradual-deploy stacks/checkout.yaml#OrdersMapping', // !GetAtt OrdersFunction.Arn
        '80 lambda-gradual-deploy stacks/checkout.yaml#RefundsFunction', // Events without AutoPublishAlias
      ].sort(),
    );
  });

  it('honours tollgate Metadata and a checkov Metadata skip (which maps to nothing here)', () => {
    const text = fixture('cloudformation/stack.yaml')
      .replace('  WebTargetGroup:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n', '  WebTargetGroup:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n    Metadata:\n      tollgate:\n        ignore:\n          - rule: lb-health-check\n            reason: probed by the service mesh\n')
      .replace('  Batch:\n    Type: AWS::AutoScaling::AutoScalingGroup\n', '  Batch:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Metadata:\n      checkov:\n        skip:\n          - id: CKV_AWS_315\n            comment: not an equivalent check\n');
    const findings = gate(stack(text));
    expect(findings.find((f) => f.ruleId === 'lb-health-check')).toMatchObject({ suppressed: true, suppressionReason: 'probed by the service mesh' });
    expect(findings.find((f) => f.ruleId === 'launch-template-version')).toMatchObject({ suppressed: false });
  });

  it('is silent when turned off', () => {
    expect(gate(stack(), { ruleSettings: { 'lambda-gradual-deploy': { level: 'off' } } }).some((f) => f.ruleId === 'lambda-gradual-deploy')).toBe(false);
  });
});
