import { describe, expect, it } from 'vitest';
import type { ResourceChange } from '../diff/model.js';
import { costsNothing } from './free.js';

function added(type: string): ResourceChange {
  return { address: `${type}.x`, kind: 'terraform', type, change: 'added', after: { kind: 'terraform', type, address: `${type}.x`, file: 'main.tf', line: 1, endLine: 1, attributes: {}, meta: {} } };
}

describe('costsNothing', () => {
  it.each([
    'google_folder_iam_member',
    'google_project_iam_binding',
    'google_storage_bucket_iam_member',
    'google_project_service',
    'google_service_account',
    'google_compute_network',
    'google_compute_subnetwork',
    'google_compute_firewall',
    'google_compute_router',
    'google_compute_region_backend_service',
    'google_compute_instance_template',
    'google_sql_database',
    'google_sql_user',
    'azurerm_resource_group',
    'azurerm_role_assignment',
    'azurerm_user_assigned_identity',
    'azurerm_subscription_policy_assignment',
    'azurerm_virtual_network',
    'azurerm_subnet_network_security_group_association',
    'azurerm_network_interface_backend_address_pool_association',
    'azurerm_lb_probe',
    'azurerm_mssql_server',
    'azurerm_postgresql_flexible_server_database',
    'azurerm_storage_container',
    'azurerm_disk_encryption_set',
    'azapi_update_resource',
  ])('%s costs nothing by itself', (type) => {
    expect(costsNothing(added(type))).toBe(true);
  });

  it.each([
    'google_compute_instance',
    'google_compute_router_nat',
    'google_compute_forwarding_rule',
    'google_sql_database_instance',
    'google_container_node_pool',
    'google_monitoring_alert_policy',
    'azurerm_linux_virtual_machine',
    'azurerm_lb',
    'azurerm_lb_rule',
    'azurerm_public_ip',
    'azurerm_nat_gateway',
    'azurerm_mssql_database',
    'azurerm_storage_account',
    'azurerm_kubernetes_cluster_node_pool',
    'azurerm_monitor_diagnostic_setting',
    'azapi_resource',
  ])('%s is priced', (type) => {
    expect(costsNothing(added(type))).toBe(false);
  });
});
