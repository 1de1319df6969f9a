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
  // Google Cloud: grants, identities and project plumbing; VPC, firewall and load balancer glue
  // (the forwarding rules, NAT and VPN are what bill); templates, autoscalers and per-instance configs
  // (priced through their instance groups); child objects of billed databases, buckets and key rings.
  /^google_.+_iam_(binding|member|policy|audit_config)$/,
  /^google_(project|folder|project_service|project_service_identity|project_default_service_accounts|project_organization_policy|org_policy_policy|service_account|service_account_key|iam_custom_role|project_iam_custom_role|organization_iam_custom_role|iam_workload_identity_pool|iam_workload_identity_pool_provider|tags_tag_(key|value|binding)|os_login_ssh_public_key)$/,
  /^google_compute_(network|subnetwork|firewall|route|router|router_interface|router_bgp_peer|network_peering|network_peering_routes_config|shared_vpc_(host|service)_project|project_metadata|project_metadata_item|project_default_network_tier|(region_)?health_check|https?_health_check|(region_)?backend_service|backend_bucket|(region_)?url_map|(managed_)?ssl_certificate|ssl_policy|(region_)?instance_template|(region_)?autoscaler|(region_)?per_instance_config|instance_group|instance_group_named_port|network_endpoint|(global_|region_)?network_endpoint_group|global_network_endpoint|attached_disk|disk_resource_policy_attachment|network_firewall_policy_association|organization_security_policy(_association|_rule)?|backend_(bucket|service)_signed_url_key)$/,
  /^google_(sql_database|sql_user|sql_ssl_cert|kms_key_ring|kms_key_ring_import_job|kms_secret_ciphertext|dns_policy|logging_(project|folder|organization|billing_account)_exclusion|logging_metric|monitoring_(dashboard|group|notification_channel|custom_service|slo)|storage_(bucket_access_control|bucket_acl|default_object_access_control|default_object_acl|hmac_key|notification|object_access_control|object_acl|bucket_object)|bigquery_(dataset_access|job|routine)|cloud_run_domain_mapping|usage_export_bucket)$/,
  // Azure: resource groups, identities, role and policy assignments, locks; virtual network glue (NICs,
  // NSGs, route tables, load balancer pools and probes); logical servers and the child objects of billed
  // databases, storage accounts, machines and monitors; a virtual WAN and a DNS resolver (their hubs,
  // gateways and endpoints bill).
  /^azurerm_(resource_group|resource_provider_registration|role_assignment|role_definition|user_assigned_identity|management_group|management_group_subscription_association|management_lock|(management_group_|subscription_|resource_group_)?policy_(assignment|definition|set_definition|remediation|exemption)|key_vault_access_policy|key_vault_certificate_issuer|disk_encryption_set|ssh_public_key|availability_set|proximity_placement_group|marketplace_agreement|shared_image|shared_image_gallery|machine_learning_workspace|virtual_wan|vpn_site|vpn_server_configuration|private_dns_resolver)$/,
  /^azurerm_(virtual_network|virtual_network_dns_servers|subnet|subnet_(nat_gateway|network_security_group|route_table)_association|subnet_service_endpoint_storage_policy|network_security_group|network_security_rule|application_security_group|network_interface|network_interface_.+_association|route|route_table|route_filter|route_map|ip_group|local_network_gateway|nat_gateway_public_ip(_prefix)?_association|private_dns_zone_virtual_network_link|lb_(backend_address_pool|backend_address_pool_address|nat_pool|nat_rule|probe))$/,
  /^azurerm_((mysql|postgresql|mariadb)_(configuration|database|firewall_rule|virtual_network_rule|active_directory_administrator|server_key)|mysql_flexible_(database|server_configuration|server_firewall_rule)|postgresql_flexible_server_(configuration|database|firewall_rule|active_directory_administrator)|(mssql|sql)_server|(mssql|sql)_(firewall_rule|virtual_network_rule)|mssql_(outbound_firewall_rule|server_dns_alias|(server|database)_extended_auditing_policy|server_security_alert_policy|server_transparent_data_encryption|server_vulnerability_assessment)|redis_firewall_rule)$/,
  // azapi: updating an existing resource's properties, or calling an action on it, creates nothing billed.
  /^azapi_(update_resource|resource_action)$/,
  /^azurerm_(storage_container|storage_blob|storage_account_network_rules|storage_account_customer_managed_key|storage_blob_inventory_policy|storage_object_replication|virtual_machine_data_disk_attachment|virtual_machine_extension|virtual_machine_scale_set_extension|monitor_(autoscale_setting|activity_log_alert|data_collection_rule_association)|log_analytics_(saved_search|data_export_rule|linked_service|linked_storage_account|query_pack|query_pack_query))$/,
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
