import { describe, expect, it } from 'vitest';
import type { Resource } from '../../iac/model.js';
import { unknownValue } from '../../iac/values.js';
import { priceChanges } from '../price.js';
import { added, US, terraformResource as resource } from './pricer-test-support.js';

const vault = (sku: string): Resource => resource('azurerm_key_vault', { name: 'secrets', location: 'eastus', sku_name: sku }, 'azurerm_key_vault.secrets');
const key = (attributes: Record<string, unknown>): Resource => resource('azurerm_key_vault_key', { key_vault_id: unknownValue('azurerm_key_vault.secrets.id'), ...attributes });
const keyLine = (cost: ReturnType<typeof priceChanges>) => cost.lines.find((line) => line.type === 'azurerm_key_vault_key');

/** eastus rows of component-unit-prices.csv. */
describe('Key Vault keys and certificates', () => {
  it.each<[string, Record<string, unknown>, number, string]>([
    // "HSM-protected keys" 1 a month
    ['an RSA 2048 HSM key', { key_type: 'RSA-HSM', key_size: 2048 }, 1, 'HSM-protected key (RSA 2048)'],
    // "HSM-protected keys (first 250)" 5 a month
    ['an RSA 3072 HSM key', { key_type: 'RSA-HSM', key_size: 3072 }, 5, 'HSM-protected key (advanced)'],
    ['an EC HSM key', { key_type: 'EC-HSM', curve: 'P-256' }, 5, 'HSM-protected key (advanced)'],
  ])('bills %s a month in a Premium vault', (_name, attributes, expected, component) => {
    const cost = priceChanges(added(vault('premium'), key(attributes)), US);
    expect(cost.unpriced).toEqual([]);
    expect(keyLine(cost)?.after).toBeCloseTo(expected, 6);
    expect(keyLine(cost)?.components[0]?.name).toBe(component);
  });

  it('lists an advanced software key’s operations and its rotations as usage', () => {
    const cost = priceChanges(added(vault('standard'), key({ key_type: 'EC', curve: 'P-384', rotation_policy: [{ automatic: [{ time_before_expiry: 'P30D' }] }] })), US);
    expect(keyLine(cost)?.components.map((part) => [part.name, part.unitPrice, part.usageBased])).toEqual([
      ['Software-protected key operations', 0.15, true],
      ['Key rotations', 1, true],
    ]);
  });

  it('lists certificate renewals and operations as usage', () => {
    const certificate = resource('azurerm_key_vault_certificate', { key_vault_id: unknownValue('azurerm_key_vault.secrets.id') });
    const cost = priceChanges(added(vault('standard'), certificate), US);
    expect(cost.lines.find((line) => line.type === 'azurerm_key_vault_certificate')?.components.map((part) => [part.name, part.unitPrice, part.usageBased])).toEqual([
      ['Certificate renewals', 3, true],
      ['Certificate operations', 0.03, true],
    ]);
  });

  it('lists a vault’s secret operations as usage, with no fee of its own', () => {
    const cost = priceChanges(added(vault('standard')), US);
    expect(cost.after).toBe(0);
    expect(cost.lines[0]?.components).toEqual([expect.objectContaining({ name: 'Secrets operations', unitPrice: 0.03, usageBased: true })]);
  });

  it('bills a managed HSM pool by the hour', () => {
    // "HSM pools" westeurope 4.85 × 730
    expect(priceChanges(added(resource('azurerm_key_vault_managed_hardware_security_module', { location: 'westeurope', sku_name: 'Standard_B1' })), US).after).toBeCloseTo(3540.5, 6);
  });

  it.each<[string, Resource[], RegExp]>([
    ['a software RSA 2048 key', [vault('standard'), key({ key_type: 'RSA', key_size: 2048 })], /RSA 2048 key bills only its operations, whose rate is not in the price data/],
    ['an HSM key in a Standard vault', [vault('standard'), key({ key_type: 'RSA-HSM', key_size: 2048 })], /needs a Premium vault/],
    ['a key whose vault is not in the change', [key({ key_type: 'EC' })], /key vault is not in this change/],
  ])('leaves %s unpriced, with the reason', (_name, items, reason) => {
    expect(priceChanges(added(...items), US).unpriced[0]?.reason).toMatch(reason);
  });
});
