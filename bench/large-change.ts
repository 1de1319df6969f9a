import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A large pull request, generated deterministically: at scale 1, 300 Kubernetes manifests, 150
 * Terraform files in 30 module roots and 50 CloudFormation templates (510 files, ~32,000 lines).
 * `added`: every file is new. `modified`: the base has every file and the head changes a third.
 */

export type ChangeCase = 'added' | 'modified';

function manifest(i: number, bump: boolean): string {
  const replicas = bump ? 4 : 3;
  const hpa = i % 3 === 0;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${i}
  namespace: team-${i % 12}
  labels:
    app: svc-${i}
    team: team-${i % 12}
spec:
  ${hpa ? '' : `replicas: ${replicas}\n  `}revisionHistoryLimit: 5
  selector:
    matchLabels:
      app: svc-${i}
  strategy:
    type: RollingUpdate
    rollingUpdate: { maxSurge: 1, maxUnavailable: 0 }
  template:
    metadata:
      labels:
        app: svc-${i}
        team: team-${i % 12}
    spec:
      terminationGracePeriodSeconds: 30
      containers:
        - name: app
          image: ghcr.io/acme/svc-${i}:1.${i}.${bump ? 1 : 0}
          ports:
            - containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: info
          resources:
            requests: { cpu: ${(i % 4) + 1}00m, memory: ${(i % 4) + 1}28Mi }
            limits: { memory: ${(i % 4) + 1}28Mi }
          readinessProbe:
            httpGet: { path: /ready, port: 8080 }
          livenessProbe:
            httpGet: { path: /live, port: 8080 }
          securityContext:
            runAsNonRoot: true
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
---
apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
  namespace: team-${i % 12}
spec:
  selector:
    app: svc-${i}
  ports:
    - port: 80
      targetPort: 8080
${
  hpa
    ? `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: svc-${i}
  namespace: team-${i % 12}
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: svc-${i} }
  minReplicas: ${bump ? 3 : 2}
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }
`
    : `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: svc-${i}
  namespace: team-${i % 12}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: svc-${i}
`
}`;
}

function terraformFiles(root: number, bump: boolean): Record<string, string> {
  const directory = `infra/root-${root}`;
  const size = bump ? 'm5.xlarge' : 'm5.large';
  return {
    [`${directory}/main.tf`]: `module "network" {
  source = "../../modules/network-${root % 5}"
  name   = "root-${root}"
  cidr   = "10.${root}.0.0/16"
}

resource "aws_instance" "api" {
  count         = var.api_count
  ami           = "ami-0abcdef1234567890"
  instance_type = var.instance_type
  subnet_id     = module.network.subnet_ids[count.index % 2]

  root_block_device {
    volume_size = 50
    volume_type = "gp3"
  }

  tags = merge(local.tags, { Name = "api-\${count.index}" })
}
`,
    [`${directory}/database.tf`]: `resource "aws_db_instance" "main" {
  identifier              = "root-${root}"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.r6g.${bump ? '2xlarge' : 'xlarge'}"
  allocated_storage       = 100
  storage_type            = "gp3"
  multi_az                = true
  backup_retention_period = 7
  deletion_protection     = true
  skip_final_snapshot     = false
  tags                    = local.tags
}
`,
    [`${directory}/variables.tf`]: `variable "instance_type" {
  type    = string
  default = "${size}"
}

variable "api_count" {
  type    = number
  default = ${(root % 3) + 2}
}

locals {
  tags = {
    team        = "team-${root % 12}"
    cost-centre = "cc-${root % 7}"
    environment = "prod"
  }
}
`,
    [`${directory}/providers.tf`]: `terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

provider "aws" {
  region = "us-east-1"
}
`,
    [`${directory}/outputs.tf`]: `output "api_ids" {
  value = aws_instance.api[*].id
}

output "database_endpoint" {
  value = aws_db_instance.main.endpoint
}
`,
  };
}

function moduleFiles(index: number): Record<string, string> {
  return {
    [`modules/network-${index}/main.tf`]: `variable "name" {
  type = string
}

variable "cidr" {
  type = string
}

resource "aws_vpc" "this" {
  cidr_block = var.cidr
  tags       = { Name = var.name }
}

resource "aws_subnet" "private" {
  count      = 2
  vpc_id     = aws_vpc.this.id
  cidr_block = cidrsubnet(var.cidr, 8, count.index)
}

resource "aws_nat_gateway" "this" {
  subnet_id = aws_subnet.private[0].id
}

output "subnet_ids" {
  value = aws_subnet.private[*].id
}
`,
  };
}

function template(i: number, bump: boolean): string {
  return `AWSTemplateFormatVersion: "2010-09-09"
Description: stack ${i}
Parameters:
  Environment:
    Type: String
    Default: prod
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "stack-${i}-\${Environment}"
      VisibilityTimeout: 60
  Table:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: true
  Function:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      MemorySize: ${bump ? 1024 : 512}
      Timeout: 30
      Role: !GetAtt Role.Arn
      Code:
        ZipFile: "exports.handler = async () => 'ok';"
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
  Cache:
    Type: AWS::ElastiCache::CacheCluster
    Properties:
      CacheNodeType: cache.t4g.${bump ? 'medium' : 'small'}
      Engine: redis
      NumCacheNodes: 1
Outputs:
  QueueUrl:
    Value: !Ref Queue
`;
}

/** The files of one side at `scale`; `bumped(i)` says which files the head changes. */
function tree(scale: number, bumped: (index: number) => boolean): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 300 * scale; i += 1) files[`k8s/svc-${i}.yaml`] = manifest(i, bumped(i));
  for (let r = 0; r < 30 * scale; r += 1) Object.assign(files, terraformFiles(r, bumped(r)));
  for (let m = 0; m < 5; m += 1) Object.assign(files, moduleFiles(m));
  for (let i = 0; i < 50 * scale; i += 1) files[`stacks/stack-${i}.yaml`] = template(i, bumped(i));
  return files;
}

function write(directory: string, files: Record<string, string>): void {
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), text);
  }
}

/** Both sides of the case, path → text. */
export function largeChange(scale: number, change: ChangeCase): { base: Record<string, string>; head: Record<string, string> } {
  return change === 'added' ? { base: {}, head: tree(scale, () => false) } : { base: tree(scale, () => false), head: tree(scale, (index) => index % 3 === 0) };
}

/** Writes `<directory>/base` and `<directory>/head` for the case; returns their paths. */
export function writeLargeChange(directory: string, scale: number, change: ChangeCase): { base: string; head: string } {
  const sides = largeChange(scale, change);
  const base = join(directory, 'base');
  const head = join(directory, 'head');
  write(base, sides.base);
  write(head, sides.head);
  return { base, head };
}
