import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { priceChanges } from '../price.js';
import { added, terraformResource as resource } from './pricer-test-support.js';

const SETTINGS = { region: 'us-east-1', kubernetesRates: {} };

/** Monthly figures hand-computed from the azure rows of component-unit-prices.csv (730 hours a month). */
describe('Azure SQL pricers, against hand-computed figures', () => {
  it.each<[string, Resource, number]>([
    // "Compute (provisioned, BC_Gen5_8)" eastus 2.43548 × 730 = 1,777.9004 + Enterprise licence 8 vCores × 730 × 0.375 = 2,190 (BC includes zone redundancy)
    ['Business Critical database, licence included', resource('azurerm_mssql_database', { sku_name: 'BC_Gen5_8', zone_redundant: true, location: 'eastus' }), 3967.9004],
    // legacy database, S0: 0.0201644 × 730 = 14.720012
    ['legacy database by service objective', resource('azurerm_sql_database', { requested_service_objective_name: 'S0', location: 'eastus' }), 14.720012],
    // legacy database, BusinessCritical edition → BC_Gen5_2: 0.608877 × 730 = 444.48021 + 2 × 730 × 0.375 = 547.50
    ['legacy database by edition', resource('azurerm_sql_database', { edition: 'BusinessCritical', location: 'eastus' }), 991.98021],
    // westeurope "Compute (GP_Gen5, 4 vCore)" 0.669753 × 730 = 488.91969 + Standard licence 4 × 730 × 0.0999658 = 291.900136 + storage 100 GB × 0.2975 = 29.75
    ['vCore elastic pool', resource('azurerm_mssql_elasticpool', { location: 'westeurope', license_type: 'LicenseIncluded', max_size_gb: 100, sku: [{ name: 'GP_Gen5', tier: 'GeneralPurpose', capacity: 4 }] }), 810.569826],
    // "Compute (Premium, 500 DTUs)" 3.75 × 730 = 2,737.50 + (1,024 − 500 × 1.5 included) = 274 GB × 0.442007 = 121.109918
    ['Premium DTU elastic pool', resource('azurerm_mssql_elasticpool', { location: 'westeurope', max_size_gb: 1024, sku: [{ name: 'PremiumPool', tier: 'Premium', capacity: 500 }] }), 2858.609918],
    // legacy Basic pool, 100 DTUs: 0.201671 × 730 = 147.21983 (pool_size 5,000 MB is within the 10 GB included)
    ['legacy Basic elastic pool', resource('azurerm_sql_elasticpool', { location: 'westeurope', edition: 'Basic', dtu: 100, pool_size: 5000 }), 147.21983],
    // westeurope "Compute (GP_GEN5 4 cores)" 0.669753 × 730 = 488.91969 + Standard licence 4 × 730 × 0.0999658 = 291.900136 + (64 − 32 included) GB × 0.136875 = 4.38
    ['managed instance, licence included', resource('azurerm_mssql_managed_instance', { location: 'westeurope', sku_name: 'GP_Gen5', vcores: 4, storage_size_in_gb: 64, license_type: 'LicenseIncluded', storage_account_type: 'LRS' }), 785.199826],
    // legacy, "Compute (BC_GEN5 40 Cores)" 13.3952 × 730 = 9,778.496 + 32 GB × 0.136875 = 4.38, Hybrid Benefit
    ['legacy managed instance, Hybrid Benefit', resource('azurerm_sql_managed_instance', { location: 'westeurope', sku_name: 'BC_Gen5', vcores: 40, storage_size_in_gb: 64, license_type: 'BasePrice', storage_account_type: 'ZRS' }), 9782.876],
  ])('%s', (_name, item, expected) => {
    const cost = priceChanges(added(item), SETTINGS);
    expect(cost.unpriced).toEqual([]);
    expect(cost.after).toBeCloseTo(expected, 6);
  });

  it('takes the Standard licence rate from another region, marked approximate', () => {
    const cost = priceChanges(added(resource('azurerm_mssql_database', { sku_name: 'GP_Gen5_4', location: 'eastus' })), SETTINGS);
    // 0.608863 × 730 = 444.46999 + 4 × 730 × 0.0999658 (managed instance row, westeurope) = 291.900136
    expect(cost.after).toBeCloseTo(736.370126, 6);
    expect(cost.lines[0]).toMatchObject({ approximate: true, note: expect.stringMatching(/standard licence rate from westeurope/) });
  });

  it.each<[string, Resource, RegExp]>([
    ['a Hyperscale database with read replicas', resource('azurerm_mssql_database', { sku_name: 'HS_Gen5_2', read_replica_count: 1, location: 'eastus' }), /read replicas have no per-size price/],
    ['a pool SKU the data does not know', resource('azurerm_mssql_elasticpool', { location: 'westeurope', sku: [{ name: 'Hyper', capacity: 4 }] }), /sku "Hyper" is not a DTU or vCore pool/],
    ['a managed instance without vcores', resource('azurerm_mssql_managed_instance', { location: 'westeurope', sku_name: 'GP_Gen5' }), /vcores is not set/],
    ['a legacy database of an unknown edition', resource('azurerm_sql_database', { edition: 'DataWarehouse', location: 'eastus' }), /DataWarehouse edition has no price/],
  ])('leaves %s unpriced with the reason', (_name, item, reason) => {
    expect(priceChanges(added(item), SETTINGS).unpriced[0]?.reason).toMatch(reason);
  });
});
