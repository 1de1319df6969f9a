import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Resource } from '../model.js';
import { isCloudFormationTemplate, looksLikeCloudFormation, parseCloudFormation, type CloudFormationOptions } from './template.js';
import { isUnknown } from '../values.js';

const FIXTURES = 'test/fixtures/cloudformation';

function fixture(name: string): string {
  return readFileSync(`${FIXTURES}/${name}`, 'utf8');
}

function parseFixture(name: string, options?: CloudFormationOptions): ReturnType<typeof parseCloudFormation> {
  return parseCloudFormation(fixture(name), `infra/${name}`, 'head', options);
}

function byId(resources: readonly Resource[], logicalId: string): Resource {
  const found = resources.find((resource) => resource.meta.logicalId === logicalId);
  if (!found) throw new Error(`no resource ${logicalId} among ${resources.map((resource) => String(resource.meta.logicalId)).join(', ')}`);
  return found;
}

function property(resource: Resource, path: string): unknown {
  let value: unknown = resource.attributes.Properties;
  for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

/** The line in the fixture text where `needle` first occurs, found independently of the parser. */
function lineOf(name: string, needle: string): number {
  const index = fixture(name).split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`${needle} not in ${name}`);
  return index + 1;
}

describe('isCloudFormationTemplate', () => {
  it.each<[string, unknown, boolean]>([
    ['a format version', { AWSTemplateFormatVersion: '2010-09-09' }, true],
    ['an AWS resource', { Resources: { A: { Type: 'AWS::SNS::Topic' } } }, true],
    ['a custom resource', { Resources: { A: { Type: 'Custom::Seed' } } }, true],
    ['an Alexa resource', { Resources: { A: { Type: 'Alexa::ASK::Skill' } } }, true],
    ['the SAM transform in a list', { Transform: ['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31'] }, true],
    ['a Kubernetes manifest', { apiVersion: 'v1', kind: 'ConfigMap' }, false],
    ['Resources of another kind', { Resources: { A: { Type: 'Acme::Thing' } } }, false],
    ['Resources that are a list', { Resources: [{ Type: 'AWS::SNS::Topic' }] }, false],
    ['a scalar', 'AWSTemplateFormatVersion', false],
    ['nothing', null, false],
  ])('%s → %s', (_name, value, expected) => {
    expect(isCloudFormationTemplate(value)).toBe(expected);
  });
});

describe('every fixture', () => {
  it.each(['vpc-alb-asg.yaml', 'aurora.yaml', 'ecs-fargate.yaml', 'sam-app.yaml', 'nested-stacks.yaml', 's3-cloudfront.yaml', 's3-cloudfront.json'])('%s parses cleanly into addressed resources', (name) => {
    const result = parseFixture(name);
    expect(result.isTemplate).toBe(true);
    expect(result.issues).toEqual([]);
    expect(result.resources.length).toBeGreaterThan(3);
    for (const resource of result.resources) {
      expect(resource.kind).toBe('cloudformation');
      expect(resource.address).toBe(`infra/${name}#${String(resource.meta.logicalId)}`);
      const declaration = name.endsWith('.json') ? `    "${String(resource.meta.logicalId)}": {` : `  ${String(resource.meta.logicalId)}:`;
      expect(resource.line).toBe(fixture(name).split('\n').indexOf(declaration) + 1);
      expect(resource.endLine).toBeGreaterThan(resource.line);
      expect(resource.attributes.Type).toBe(resource.type);
    }
  });
});

describe('VPC + ALB + ASG stack', () => {
  it('picks the AMI for the region from Mappings and keeps it unknown without one', () => {
    const inIreland = byId(parseFixture('vpc-alb-asg.yaml', { region: 'eu-west-1' }).resources, 'LaunchTemplate');
    expect(property(inIreland, 'LaunchTemplateData.ImageId')).toBe('ami-0d71ea30463e0ff8d');
    expect(inIreland.region).toBe('eu-west-1');
    const anywhere = byId(parseFixture('vpc-alb-asg.yaml').resources, 'LaunchTemplate');
    const ami = property(anywhere, 'LaunchTemplateData.ImageId');
    expect(isUnknown(ami) && ami.alternatives).toEqual(['ami-0c02fb55956c7d316', 'ami-0d71ea30463e0ff8d', 'ami-0b7dcd6e6fd797935']);
    expect(anywhere.region).toBeUndefined();
  });

  it('resolves parameters, overrides and keeps the ones without default unknown', () => {
    const resources = parseFixture('vpc-alb-asg.yaml', { parameters: { InstanceType: 'c7g.large', Environment: 'production' } }).resources;
    const launchTemplate = byId(resources, 'LaunchTemplate');
    expect(property(launchTemplate, 'LaunchTemplateData.InstanceType')).toBe('c7g.large');
    expect(property(launchTemplate, 'LaunchTemplateData.KeyName')).toEqual({ __unknown: 'Ref KeyName (no default)' });
    expect(property(byId(resources, 'LoadBalancer'), 'Name')).toBe('production-web-alb');
    expect(property(byId(resources, 'VPC'), 'Tags')).toEqual([{ Key: 'Name', Value: 'production-web-vpc' }]);
    expect(property(byId(resources, 'AutoScalingGroup'), 'DesiredCapacity')).toBe(2);
  });

  it('encodes UserData built from Sub with the region once the region is known', () => {
    const launchTemplate = byId(parseFixture('vpc-alb-asg.yaml', { region: 'us-east-1' }).resources, 'LaunchTemplate');
    const userData = property(launchTemplate, 'LaunchTemplateData.UserData');
    expect(isUnknown(userData)).toBe(true);
    expect((userData as { __unknown: string }).__unknown).toContain('us-east-1');
    expect((userData as { __unknown: string }).__unknown).toContain('Ref AWS::StackName');
  });

  it('keeps GetAtt in both short forms as unknown attributes', () => {
    const resources = parseFixture('vpc-alb-asg.yaml').resources;
    expect(property(byId(resources, 'LoadBalancer'), 'SecurityGroups')).toEqual([{ __unknown: 'Fn::GetAtt LoadBalancerSecurityGroup.GroupId' }]);
    expect(property(byId(resources, 'AutoScalingGroup'), 'LaunchTemplate.Version')).toEqual({ __unknown: 'Fn::GetAtt LaunchTemplate.LatestVersionNumber' });
  });

  it('records lines of resources and of nested properties', () => {
    const name = 'vpc-alb-asg.yaml';
    const group = byId(parseFixture(name).resources, 'AutoScalingGroup');
    expect(group.line).toBe(lineOf(name, '  AutoScalingGroup:'));
    expect(group.endLine).toBe(lineOf(name, '        - !Ref TargetGroup'));
    expect(group.attributeLines?.['UpdatePolicy.AutoScalingRollingUpdate.MaxBatchSize']).toBe(lineOf(name, 'MaxBatchSize: 1'));
    expect(group.attributeLines?.['Properties.LaunchTemplate.Version']).toBe(lineOf(name, 'Version: !GetAtt'));
    expect(group.attributeLines?.['Properties.VPCZoneIdentifier.1']).toBe(lineOf(name, 'VPCZoneIdentifier') + 2);
    expect(group.attributes.DependsOn).toBe('GatewayAttachment');
    expect(group.attributes.UpdatePolicy).toEqual({ AutoScalingRollingUpdate: { MinInstancesInService: 1, MaxBatchSize: 1 } });
  });
});

describe('Aurora stack with Conditions', () => {
  it('decides IsProd from the default and excludes the reader instance', () => {
    const result = parseFixture('aurora.yaml');
    expect(result.resources.map((resource) => resource.meta.logicalId)).toEqual(['SubnetGroup', 'Cluster', 'WriterInstance', 'DevAutoStop', 'CpuAlarm']);
    expect(result.excluded.map((resource) => [resource.meta.logicalId, resource.meta.excludedByCondition])).toEqual([
      ['ReaderInstance', true],
      ['GlobalBackupVault', true],
    ]);
    const cluster = byId(result.resources, 'Cluster');
    expect(property(byId(result.resources, 'WriterInstance'), 'DBInstanceClass')).toBe('db.t4g.medium');
    expect(property(cluster, 'BackupRetentionPeriod')).toBe(1);
    expect(cluster.attributes.DeletionPolicy).toBe('Delete');
    expect(property(cluster, 'SnapshotIdentifier')).toBeUndefined();
    expect(Object.hasOwn(cluster.attributes.Properties as object, 'SnapshotIdentifier')).toBe(false);
  });

  it('follows an overridden environment through Conditions, Mappings and If', () => {
    const result = parseFixture('aurora.yaml', { parameters: { Environment: 'prod', SnapshotIdentifier: 'snap-2026-11-01' }, region: 'us-east-1' });
    expect(result.excluded.map((resource) => resource.meta.logicalId)).toEqual(['DevAutoStop']);
    const reader = byId(result.resources, 'ReaderInstance');
    expect(reader.meta).toEqual({ logicalId: 'ReaderInstance', condition: 'IsProd' });
    expect(property(reader, 'DBInstanceClass')).toBe('db.r6g.2xlarge');
    const cluster = byId(result.resources, 'Cluster');
    expect(property(cluster, 'SnapshotIdentifier')).toBe('snap-2026-11-01');
    expect(property(cluster, 'DeletionProtection')).toBe(true);
    expect(cluster.attributes.DeletionPolicy).toBe('Snapshot');
    expect(property(byId(result.resources, 'GlobalBackupVault'), 'BackupVaultName')).toBe('aurora-prod-us-east-1');
  });

  it('leaves a condition that needs the region undecided without one', () => {
    const vault = byId(parseFixture('aurora.yaml', { parameters: { Environment: 'prod' } }).resources, 'GlobalBackupVault');
    expect(vault.meta).toEqual({ logicalId: 'GlobalBackupVault', condition: 'ProdInUsEast1', conditionUnknown: true });
    expect(property(vault, 'BackupVaultName')).toEqual({ __unknown: 'Fn::Sub aurora-prod-${Ref AWS::Region}' });
  });

  it('never copies a NoEcho parameter, even with a default', () => {
    const result = parseFixture('aurora.yaml');
    expect(JSON.stringify(result)).not.toContain('change-me-please');
    expect(property(byId(result.resources, 'Cluster'), 'MasterUserPassword')).toEqual({ __unknown: 'Ref MasterPassword (NoEcho)' });
  });

  it('splits a list parameter', () => {
    expect(property(byId(parseFixture('aurora.yaml').resources, 'SubnetGroup'), 'SubnetIds')).toEqual(['subnet-0a1b2c3d', 'subnet-4e5f6a7b']);
  });
});

describe('ECS Fargate service', () => {
  it('keeps the deployment configuration with its lines', () => {
    const name = 'ecs-fargate.yaml';
    const service = byId(parseFixture(name).resources, 'Service');
    expect(property(service, 'DeploymentConfiguration')).toEqual({ MinimumHealthyPercent: 100, MaximumPercent: 200, DeploymentCircuitBreaker: { Enable: true, Rollback: true } });
    expect(service.attributeLines?.['Properties.DeploymentConfiguration.DeploymentCircuitBreaker.Rollback']).toBe(lineOf(name, 'Rollback: true'));
    expect(property(service, 'NetworkConfiguration.AwsvpcConfiguration.Subnets')).toEqual(['subnet-11111111', 'subnet-22222222', 'subnet-33333333']);
    expect(property(service, 'DesiredCount')).toBe(3);
    expect(service.attributes.DependsOn).toEqual(['ListenerRule']);
  });

  it('substitutes the known parts of an image URI and keeps the account unknown', () => {
    const task = byId(parseFixture('ecs-fargate.yaml', { region: 'eu-central-1' }).resources, 'TaskDefinition');
    expect(property(task, 'ContainerDefinitions')).toMatchObject([
      {
        Image: { __unknown: 'Fn::Sub ${Ref AWS::AccountId}.dkr.ecr.eu-central-1.amazonaws.com/orders-api:2026.11.3' },
        LogConfiguration: { Options: { 'awslogs-region': 'eu-central-1', 'awslogs-group': { __unknown: 'Ref LogGroup' } } },
      },
    ]);
    expect(property(task, 'TaskRoleArn')).toEqual({ __unknown: 'Fn::GetAtt TaskRole.Arn' });
    expect(property(task, 'Cpu')).toBe('1024');
  });
});

describe('SAM application', () => {
  const result = parseFixture('sam-app.yaml');

  it('keeps serverless types and merges Globals with SAM rules', () => {
    expect(result.resources.map((resource) => resource.type)).toEqual([
      'AWS::Serverless::LayerVersion',
      'AWS::Serverless::Api',
      'AWS::Serverless::Function',
      'AWS::Serverless::Function',
      'AWS::DynamoDB::Table',
    ]);
    const list = byId(result.resources, 'ListTodosFunction');
    expect(property(list, 'Runtime')).toBe('nodejs20.x');
    expect(property(list, 'MemorySize')).toBe(256);
    expect(property(list, 'Handler')).toBe('index.handler');
    const create = byId(result.resources, 'CreateTodoFunction');
    expect(property(create, 'MemorySize')).toBe(1024);
    expect(property(create, 'Environment.Variables')).toEqual({ TABLE_NAME: { __unknown: 'Ref TodoTable' }, LOG_LEVEL: 'debug' });
    expect(property(create, 'Layers')).toEqual([{ __unknown: 'Ref SharedLayer' }, 'arn:aws:lambda:us-east-1:123456789012:layer:powertools:3']);
    expect(property(byId(result.resources, 'TodoApi'), 'TracingEnabled')).toBe(true);
    expect(property(byId(result.resources, 'TodoTable'), 'Runtime')).toBeUndefined();
  });

  it('points attribute lines at the resource, not at Globals', () => {
    const create = byId(result.resources, 'CreateTodoFunction');
    expect(create.attributeLines?.['Properties.MemorySize']).toBe(lineOf('sam-app.yaml', 'MemorySize: 1024'));
    expect(byId(result.resources, 'ListTodosFunction').attributeLines?.['Properties.MemorySize']).toBeUndefined();
  });
});

describe('nested stacks', () => {
  const result = parseFixture('nested-stacks.yaml');

  it('resolves each child template URL and keeps stack outputs unknown', () => {
    const database = byId(result.resources, 'DatabaseStack');
    expect(property(database, 'TemplateURL')).toBe('https://payments-cfn-templates.s3.amazonaws.com/database/v7.yaml');
    expect(property(database, 'Parameters.SubnetIds')).toEqual({ __unknown: 'Fn::GetAtt NetworkStack.Outputs.PrivateSubnetIds' });
    expect(property(database, 'Parameters.VpcId')).toEqual({ __unknown: 'Fn::GetAtt NetworkStack.Outputs.VpcId' });
    const application = byId(result.resources, 'ApplicationStack');
    expect(property(application, 'TemplateURL')).toBe('https://payments-cfn-templates.s3.amazonaws.com/app/v12.yaml');
    expect(property(application, 'Parameters.SharedKmsKey')).toEqual({ __unknown: 'Fn::ImportValue security-baseline-KmsKeyArn' });
    expect(database.attributes).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', DependsOn: 'NetworkStack' });
  });

  it('excludes a stack switched off by default and keeps one whose condition needs a parameter', () => {
    expect(result.excluded.map((resource) => resource.meta.logicalId)).toEqual(['AnalyticsStack']);
    expect(byId(result.resources, 'AlertTopic').meta).toMatchObject({ condition: 'HasAlertEmail', conditionUnknown: true });
    expect(property(byId(result.resources, 'ApplicationStack'), 'NotificationARNs')).toEqual([{ __unknown: 'Fn::If HasAlertEmail', alternatives: [{ __unknown: 'Ref AlertTopic' }] }]);
  });

  it('includes the analytics stack when the parameter turns it on', () => {
    const enabled = parseFixture('nested-stacks.yaml', { parameters: { EnableAnalytics: 'true', AlertEmail: '' } });
    expect(enabled.excluded.map((resource) => resource.meta.logicalId)).toEqual(['AlertTopic']);
    expect(property(byId(enabled.resources, 'ApplicationStack'), 'NotificationARNs')).toEqual([]);
  });
});

describe('S3 + CloudFront, in YAML and in JSON', () => {
  const yaml = parseFixture('s3-cloudfront.yaml', { region: 'us-east-1' });
  const json = parseFixture('s3-cloudfront.json', { region: 'us-east-1' });

  it('gives the same resources from both forms', () => {
    const comparable = (resources: readonly Resource[]): unknown[] => resources.map(({ type, attributes, meta, region }) => ({ type, attributes, meta, region }));
    expect(comparable(json.resources)).toEqual(comparable(yaml.resources));
    expect(json.resources.map((resource) => Object.keys(resource.attributeLines ?? {}).sort())).toEqual(yaml.resources.map((resource) => Object.keys(resource.attributeLines ?? {}).sort()));
  });

  it('records JSON lines', () => {
    const distribution = byId(json.resources, 'Distribution');
    expect(distribution.attributeLines?.['Properties.DistributionConfig.PriceClass']).toBe(lineOf('s3-cloudfront.json', '"PriceClass": { "Ref"'));
    expect(distribution.endLine).toBe(lineOf('s3-cloudfront.json', '"SiteBucketPolicy": {') - 1);
  });

  it('resolves what the template decides', () => {
    const distribution = byId(yaml.resources, 'Distribution');
    expect(property(distribution, 'DistributionConfig.PriceClass')).toBe('PriceClass_100');
    expect(property(distribution, 'DistributionConfig.Aliases')).toEqual(['docs.example.com']);
    expect(property(distribution, 'DistributionConfig.Logging.Prefix')).toBe('regional/');
    expect(property(byId(yaml.resources, 'LogBucket'), 'LifecycleConfiguration.Rules.0.ExpirationInDays')).toBe(90);
    expect(property(byId(yaml.resources, 'SiteBucket'), 'BucketName')).toEqual({ __unknown: 'Fn::Sub docs.example.com-site-${Ref AWS::AccountId}' });
    expect(property(byId(yaml.resources, 'OriginAccessControl'), 'OriginAccessControlConfig.Name')).toEqual({ __unknown: 'Fn::Join {Ref AWS::StackName}-oac' });
  });
});

describe('broken templates', () => {
  it.each<[string, string, RegExp, number | undefined]>([
    ['Resources that is a list', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  - Type: AWS::SNS::Topic\n', /Resources must be a mapping/, 2],
    ['a resource without Type', 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n  Queue:\n    Properties:\n      DelaySeconds: 5\n', /resource Queue has no Type/, 4],
    ['a resource that is a string', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Queue: AWS::SQS::Queue\n', /resource Queue is not a mapping/, 3],
    ['no Resources', 'AWSTemplateFormatVersion: "2010-09-09"\nOutputs: {}\n', /no Resources section/, 1],
    ['an undeclared condition', 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Condition: IsProd\n', /Condition IsProd, which is not declared/, 2],
    ['an unknown tag', 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Reference Name\n', /unknown YAML tag !Reference/, 5],
    ['a rain preprocessor tag', 'Resources:\n  Site:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Rain::S3 site\n', /!Rain::S3 is a tag of the rain preprocessor, which `rain pkg` expands/, 5],
    ['a rain module as a Type', '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Network": {"Type": {"Rain::Module": "../vpc.yml"}, "Properties": {"Name": "x"}}}}', /resource Network is a rain module \(\.\.\/vpc\.yml\), which `rain pkg` expands/, 1],
    ['a Type that is not a name', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Queue:\n    Type: [AWS::SQS::Queue]\n', /resource Queue has Type \["AWS::SQS::Queue"\], not a resource type name/, 3],
    ['a ForEach loop', 'Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Topics:\n    - Name\n    - [A, B]\n    - Topic${Name}:\n        Type: AWS::SNS::Topic\n  Keep:\n    Type: AWS::SNS::Topic\n', /not expanded/, 3],
  ])('%s', (_name, text, message, line) => {
    const result = parseCloudFormation(text, 'bad.yaml', 'base');
    expect(result.isTemplate).toBe(true);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.message).toMatch(message);
    expect(result.issues[0]).toMatchObject({ file: 'bad.yaml', side: 'base', line });
  });

  it('still returns the good resources of a template with a bad one', () => {
    const result = parseCloudFormation('Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n  Queue:\n    Properties: {}\n', 'bad.yaml', 'head');
    expect(result.resources.map((resource) => resource.address)).toEqual(['bad.yaml#Topic']);
  });

  it('calls a broken file a template when its text says so', () => {
    const result = parseCloudFormation('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A: [\n', 'bad.yaml', 'head');
    expect(result.isTemplate).toBe(true);
    expect(result.issues[0]?.line).toBeGreaterThan(0);
  });

  it('is not a template when it is a Kubernetes manifest', () => {
    const result = parseCloudFormation('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: Secret\n', 'k8s.yaml', 'head');
    expect(result).toEqual({ resources: [], excluded: [], issues: [], isTemplate: false });
  });

  it('reads only the first of two templates in one file, and says so', () => {
    const result = parseCloudFormation('Resources:\n  A:\n    Type: AWS::SNS::Topic\n---\nResources:\n  B:\n    Type: AWS::SNS::Topic\n', 'two.yaml', 'head');
    expect(result.resources.map((resource) => resource.meta.logicalId)).toEqual(['A']);
    expect(result.issues).toMatchObject([{ line: 5, message: expect.stringContaining('only the first') }]);
  });
});

describe('looksLikeCloudFormation', () => {
  it.each<[string, boolean]>([
    ["AWSTemplateFormatVersion: '2010-09-09'", true],
    ['Transform: AWS::Serverless-2016-10-31', true],
    ['Resources:\n  A:\n    Type: AWS::S3::Bucket', true],
    ['{"Resources": {"A": {"Type": "AWS::S3::Bucket"}}}', true],
    ['apiVersion: apps/v1\nkind: Deployment', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeCloudFormation(text)).toBe(expected);
  });
});
