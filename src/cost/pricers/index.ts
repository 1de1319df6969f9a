import type { Pricer } from '../pricing.js';
import { mskClusterPricer, redshiftClusterPricer, searchDomainPricer } from './aws-analytics.js';
import { ecsServicePricer } from './aws-containers.js';
import { ebsSnapshotPricer, ebsVolumePricer } from './aws-ebs.js';
import { autoscalingGroupPricer, ec2InstancePricer, eksNodeGroupPricer, launchTemplatePricer } from './aws-ec2.js';
import { classicLoadBalancerPricer, elasticIpPricer, loadBalancerPricer, natGatewayPricer, vpcEndpointPricer } from './aws-network.js';
import { auroraClusterPricer, auroraInstancePricer, rdsInstancePricer } from './aws-rds.js';
import {
  dynamodbTablePricer,
  eksClusterPricer,
  elasticacheClusterPricer,
  elasticacheReplicationGroupPricer,
  hostedZonePricer,
  kmsKeyPricer,
  lambdaPricer,
  logGroupPricer,
  s3BucketPricer,
  secretPricer,
  snsTopicPricer,
  sqsQueuePricer,
} from './aws-services.js';
import {
  aksClusterPricer,
  aksNodePoolPricer,
  azureApplicationGatewayPricer,
  azureLegacyScaleSetPricer,
  azureLegacyVirtualMachinePricer,
  azureLoadBalancerPricer,
  azureLoadBalancerRulePricer,
  azureManagedDiskPricer,
  azureNatGatewayPricer,
  azureNoChargePricer,
  azurePublicIpPricer,
  azureScaleSetPricer,
  azureVirtualMachinePricer,
} from './azure.js';
import { cognitiveDeploymentPricer } from './azure-ai.js';
import { mysqlFlexibleServerPricer, postgresFlexibleServerPricer, redisCachePricer, singleServerPricer } from './azure-databases.js';
import { azureEventHubClusterPricer, azureEventHubNamespacePricer, azureNotificationHubNamespacePricer, azureServiceBusNamespacePricer } from './azure-messaging.js';
import { mssqlDatabasePricer, mssqlElasticPoolPricer, sqlDatabasePricer, sqlElasticPoolPricer } from './azure-sql.js';
import { scheduledQueryAlertPricer, scheduledQueryAlertV2Pricer } from './azure-monitor.js';
import { azureImagePricer, azureSnapshotPricer } from './azure-storage.js';
import {
  azureBastionHostPricer,
  azureDnsZonePricer,
  azureFirewallPricer,
  azurePrivateEndpointPricer,
  azureVirtualNetworkGatewayPricer,
  azureVpnConnectionPricer,
  trafficManagerEndpointPricer,
  trafficManagerProfilePricer,
} from './azure-network.js';
import { apiManagementPricer, searchServicePricer, signalrServicePricer, staticWebAppPricer } from './azure-platform.js';
import { gceDiskPricer, gceInstancePricer, gcpNoChargePricer, gkeClusterPricer, gkeNodePoolPricer } from './gcp.js';
import { cloudSqlPricer, gcpAddressPricer, gcpForwardingRulePricer, gcpGlobalAddressPricer, gcpRouterNatPricer } from './gcp-services.js';
import {
  kubernetesDaemonSetPricer,
  kubernetesJobPricer,
  kubernetesPodPricer,
  kubernetesServicePricer,
  kubernetesVolumeClaimPricer,
  kubernetesWorkloadPricer,
} from './kubernetes.js';

/** Every pricer, most common first; a plain list so the bundler sees each one. */
export const PRICERS: readonly Pricer[] = [
  ec2InstancePricer,
  ebsVolumePricer,
  rdsInstancePricer,
  loadBalancerPricer,
  classicLoadBalancerPricer,
  natGatewayPricer,
  elasticIpPricer,
  autoscalingGroupPricer,
  launchTemplatePricer,
  eksClusterPricer,
  eksNodeGroupPricer,
  auroraClusterPricer,
  auroraInstancePricer,
  elasticacheClusterPricer,
  elasticacheReplicationGroupPricer,
  vpcEndpointPricer,
  ebsSnapshotPricer,
  kmsKeyPricer,
  secretPricer,
  hostedZonePricer,
  lambdaPricer,
  s3BucketPricer,
  sqsQueuePricer,
  snsTopicPricer,
  logGroupPricer,
  dynamodbTablePricer,
  ecsServicePricer,
  searchDomainPricer,
  mskClusterPricer,
  redshiftClusterPricer,
  azureVirtualMachinePricer,
  azureManagedDiskPricer,
  aksClusterPricer,
  aksNodePoolPricer,
  azureScaleSetPricer,
  azureLegacyVirtualMachinePricer,
  azureLegacyScaleSetPricer,
  mssqlDatabasePricer,
  sqlDatabasePricer,
  mssqlElasticPoolPricer,
  sqlElasticPoolPricer,
  postgresFlexibleServerPricer,
  mysqlFlexibleServerPricer,
  singleServerPricer,
  azureLoadBalancerPricer,
  azureLoadBalancerRulePricer,
  azurePublicIpPricer,
  azureNatGatewayPricer,
  azureApplicationGatewayPricer,
  azureVirtualNetworkGatewayPricer,
  azureVpnConnectionPricer,
  azureFirewallPricer,
  azureDnsZonePricer,
  azurePrivateEndpointPricer,
  azureBastionHostPricer,
  signalrServicePricer,
  searchServicePricer,
  apiManagementPricer,
  staticWebAppPricer,
  trafficManagerEndpointPricer,
  trafficManagerProfilePricer,
  redisCachePricer,
  azureServiceBusNamespacePricer,
  azureEventHubNamespacePricer,
  azureEventHubClusterPricer,
  azureNotificationHubNamespacePricer,
  azureImagePricer,
  azureSnapshotPricer,
  scheduledQueryAlertV2Pricer,
  scheduledQueryAlertPricer,
  cognitiveDeploymentPricer,
  azureNoChargePricer,
  gceInstancePricer,
  gceDiskPricer,
  gkeClusterPricer,
  gkeNodePoolPricer,
  cloudSqlPricer,
  gcpAddressPricer,
  gcpGlobalAddressPricer,
  gcpForwardingRulePricer,
  gcpRouterNatPricer,
  gcpNoChargePricer,
  kubernetesWorkloadPricer,
  kubernetesPodPricer,
  kubernetesJobPricer,
  kubernetesDaemonSetPricer,
  kubernetesVolumeClaimPricer,
  kubernetesServicePricer,
];

/** Resource type → pricer, so pricing a resource is one keyed lookup. */
export const PRICER_BY_TYPE: ReadonlyMap<string, Pricer> = new Map(PRICERS.flatMap((pricer) => pricer.types.map((type) => [type, pricer] as const)));
