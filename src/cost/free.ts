import type { ResourceChange } from '../diff/model.js';

/**
 * Resource types that cost nothing by themselves (identity, networking glue, configuration):
 * they are left out of the cost table instead of being listed as unpriced.
 */
const FREE_PATTERNS: readonly RegExp[] = [
  /^aws_(iam_.*|security_group.*|vpc_security_group_.*|default_.*|network_acl.*|route|route_table|route_table_association|main_route_table_association|subnet|internet_gateway|egress_only_internet_gateway|key_pair|placement_group)$/,
  /^aws_vpc$/,
  /^aws_(db_subnet_group|db_parameter_group|db_option_group|rds_cluster_parameter_group|elasticache_subnet_group|elasticache_parameter_group)$/,
  /^aws_(lb_target_group|lb_target_group_attachment|lb_listener|lb_listener_rule|alb_target_group|alb_listener|autoscaling_policy|autoscaling_attachment|appautoscaling_(target|policy))$/,
  /^aws_(s3_bucket_(policy|versioning|public_access_block|server_side_encryption_configuration|lifecycle_configuration|acl|ownership_controls|cors_configuration|logging|notification))$/,
  /^aws_(ecs_cluster|ecs_cluster_capacity_providers|ecs_capacity_provider|ecs_task_definition|lambda_permission|cloudwatch_event_rule|cloudwatch_event_target|sns_topic_subscription|sqs_queue_policy|kms_alias|eks_addon|ssm_parameter|eip_association|route53_record|eks_access_entry)$/,
  // A site-to-site VPN bills its connection hours (aws_vpn_connection), not the gateways at either end.
  /^aws_(customer_gateway|vpn_gateway|vpn_gateway_attachment|vpn_gateway_route_propagation|vpc_dhcp_options|vpc_dhcp_options_association|vpc_endpoint_route_table_association|vpc_block_public_access_(options|exclusion)|redshift_subnet_group)$/,
  /^aws_(ec2_tag|eks_access_policy_association|eks_pod_identity_association|eks_identity_provider_config|eks_fargate_profile|vpc_ipv4_cidr_block_association|vpc_peering_connection|vpc_peering_connection_accepter|vpc_peering_connection_options|rolesanywhere_.*|cloudwatch_log_subscription_filter|sqs_queue_redrive_policy)$/,
  // What Helm, kubectl and the Kubernetes provider apply runs on nodes priced as their own resources.
  /^(helm_release|kubectl_manifest|kubernetes_(namespace|config_map|secret|service_account|role|cluster_role|role_binding|cluster_role_binding|config_map_v1_data|labels|annotations|storage_class)(_v1)?)$/,
  /^(random|null|terraform|tls|local|time|template|archive)_/,
  /^AWS::(IAM|CloudFormation)::/,
  /^AWS::EC2::(SecurityGroup|SecurityGroupIngress|SecurityGroupEgress|VPC|Subnet|RouteTable|Route|InternetGateway|VPCGatewayAttachment|SubnetRouteTableAssociation|EIPAssociation|KeyPair|CustomerGateway|VPNGateway|DHCPOptions|VPCDHCPOptionsAssociation)$/,
  /^AWS::ElasticLoadBalancingV2::(TargetGroup|Listener|ListenerRule)$/,
  /^AWS::(ECS::Cluster|ECS::TaskDefinition|Lambda::Permission|S3::BucketPolicy|SQS::QueuePolicy|KMS::Alias|Events::Rule|SNS::Subscription|RDS::DBSubnetGroup|RDS::DBParameterGroup|Route53::RecordSet|SSM::Parameter|AutoScaling::ScalingPolicy|ApplicationAutoScaling::(ScalableTarget|ScalingPolicy))$/,
];

/** Kubernetes kinds that run or hold something billable; the rest (ConfigMap, Role, HPA, …) cost nothing themselves. */
const BILLABLE_KUBERNETES_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod', 'Job', 'CronJob', 'Rollout', 'PersistentVolumeClaim', 'Service']);

export function costsNothing(change: ResourceChange): boolean {
  if (change.kind === 'kubernetes') return !BILLABLE_KUBERNETES_KINDS.has(change.type);
  const resource = change.after ?? change.before;
  if (resource?.meta.mode === 'data') return true;
  return FREE_PATTERNS.some((pattern) => pattern.test(change.type));
}
