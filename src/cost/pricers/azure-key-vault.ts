import type { Resource } from '../../iac/model.js';
import type { CostComponent } from '../model.js';
import { amount, attributesOf, component, HOURS_PER_MONTH, records, referenced, requiredText, text, Unpriced, usageComponent, type PriceContext, type Pricer } from '../pricing.js';
import { azureRegion } from './azure.js';
import { unitPriceAmong } from './shared-rows.js';

const VAULT = ['azurerm_key_vault'];

/** A key or certificate is billed in its vault's region; without the vault in the change, the region is not known. */
function vaultOf(resource: Resource, context: PriceContext): Resource {
  const vault = referenced(attributesOf(resource).key_vault_id, resource, context, VAULT);
  if (!vault) throw new Unpriced('its key vault is not in this change, so its region and tier are not known');
  return vault;
}

/** RSA keys of 2048 bits are the base rate; 3072- and 4096-bit RSA and every elliptic-curve key bill at the advanced rate. */
function advanced(keyType: string, keySize: number | undefined): boolean {
  return keyType.startsWith('EC') || (keySize !== undefined && keySize > 2048);
}

/**
 * `azurerm_key_vault_key`: an HSM-protected key (`RSA-HSM`, `EC-HSM`, Premium vaults) bills a
 * month per key: RSA 2048 at its own rate, advanced keys at the rate of a vault's first 250 (noted;
 * further keys bill less). Operations are usage-based: software-protected advanced keys and HSM
 * advanced keys at the data's advanced rate; the RSA 2048 operations rate is not in the data, so a
 * software RSA 2048 key, which bills nothing else, is unpriced. Automatic rotations
 * (`rotation_policy`) bill each rotation (usage).
 */
export const keyVaultKeyPricer: Pricer = {
  types: ['azurerm_key_vault_key'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const vault = vaultOf(resource, context);
    const region = azureRegion(vault, context);
    const price = (name: string, unit?: string): number => context.unitPrice('azure', 'azurerm_key_vault_key', region, name, unit).usd;
    const keyType = requiredText(attributes.key_type, 'key_type').toUpperCase();
    const keySize = amount(attributes.key_size, 'key_size');
    const hsm = keyType.endsWith('-HSM');
    const isAdvanced = advanced(keyType, keySize);
    if (hsm && text(attributesOf(vault).sku_name, 'vault sku_name')?.toLowerCase() !== 'premium') throw new Unpriced(`an ${keyType} key needs a Premium vault; its vault is not Premium`);
    const rotations = records(attributes.rotation_policy).length > 0 ? [usageComponent('Key rotations', 'rotations', price('Storage key rotations'), undefined)] : [];
    const components: CostComponent[] = [];
    if (hsm && isAdvanced) {
      context.addNote('at the rate of a vault’s first 250 advanced HSM keys');
      components.push(component('HSM-protected key (advanced)', 'months', 1, price('HSM-protected keys (first 250)')), usageComponent('HSM-protected key operations', '10K transactions', price('HSM-protected keys', '10K transactions'), undefined));
    } else if (hsm) {
      context.addNote('the RSA 2048 key operations rate is not in the price data; operations are not priced');
      components.push(component('HSM-protected key (RSA 2048)', 'months', 1, price('HSM-protected keys', 'months')));
    } else if (isAdvanced) {
      components.push(usageComponent('Software-protected key operations', '10K transactions', price('Software-protected keys'), undefined));
    } else {
      throw new Unpriced('a software-protected RSA 2048 key bills only its operations, whose rate is not in the price data');
    }
    return { components: [...components, ...rotations] };
  },
};

/** `azurerm_key_vault_certificate`: renewal requests and certificate operations, both usage-based. */
export const keyVaultCertificatePricer: Pricer = {
  types: ['azurerm_key_vault_certificate'],
  price(resource, context) {
    const region = azureRegion(vaultOf(resource, context), context);
    const price = (name: string): number => context.unitPrice('azure', 'azurerm_key_vault_certificate', region, name).usd;
    return {
      components: [usageComponent('Certificate renewals', 'requests', price('Certificate renewals'), undefined), usageComponent('Certificate operations', '10K transactions', price('Certificate operations'), undefined)],
    };
  },
};

/** `azurerm_key_vault_managed_hardware_security_module`: the HSM pool by the hour (`sku_name` Standard_B1, the only SKU). */
export const managedHsmPricer: Pricer = {
  types: ['azurerm_key_vault_managed_hardware_security_module'],
  price(resource, context) {
    const sku = requiredText(attributesOf(resource).sku_name, 'sku_name');
    if (sku !== 'Standard_B1') throw new Unpriced(`the ${sku} SKU has no price in the data (Standard_B1 only)`);
    const hourly = context.unitPrice('azure', 'azurerm_key_vault_managed_hardware_security_module', azureRegion(resource, context), 'HSM pools').usd;
    return { components: [component('HSM pools', 'hours', HOURS_PER_MONTH, hourly)] };
  },
};

/** `azurerm_key_vault`: no fee of its own; secret operations are usage-based (its keys and certificates are priced as their own resources). */
export const keyVaultPricer: Pricer = {
  types: VAULT,
  price(resource, context) {
    const operations = unitPriceAmong(context, 'azure', ['azurerm_key_vault', 'azurerm_key_vault_key'], azureRegion(resource, context), 'Secrets operations', 'Key Vault secret operations');
    return { components: [usageComponent('Secrets operations', '10K transactions', operations, undefined)] };
  },
};
