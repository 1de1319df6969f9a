import { isUnknown } from '../../iac/values.js';
import type { CostComponent } from '../model.js';
import { usageOf } from '../usage.js';
import { amount, attributesOf, dataProcessedComponent, HOURS_PER_MONTH, records, text, Unpriced, type PriceContext, type Pricer } from '../pricing.js';
import type { Resource } from '../../iac/model.js';
import { scaleMillions } from './aws-rds.js';
import { flat } from './aws-services.js';
import { rowComponent, rowHours, rowOnUse, rowTiers, type Tier } from './aws-rows.js';

/** AWS runs every directory on two domain controllers, each billed by the hour. */
const MINIMUM_DOMAIN_CONTROLLERS = 2;

/** The data's row for a directory: its kind and its size (Simple AD, AD Connector) or edition (Microsoft AD). */
function directoryRow(resource: Resource, attributes: Record<string, unknown>, context: PriceContext): string {
  const type = resource.type === 'AWS::DirectoryService::MicrosoftAD' ? 'MicrosoftAD' : resource.type === 'AWS::DirectoryService::SimpleAD' ? 'SimpleAD' : (text(attributes.type, 'directory type') ?? 'SimpleAD');
  if (type === 'MicrosoftAD') {
    const written = text(attributes.edition ?? attributes.Edition, 'edition');
    // The Directory Service API creates an Enterprise directory when no edition is given.
    if (written === undefined) context.addNote('edition not set: priced as Enterprise, the API default');
    return `Directory service (Microsoft AD, ${written ?? 'Enterprise'})`;
  }
  const size = text(attributes.size ?? attributes.Size, 'directory size');
  if (size === undefined) throw new Unpriced(`a ${type} directory needs its size (Small or Large)`);
  if (type === 'SimpleAD') return `Directory service (Simple AD, ${size})`;
  if (type === 'ADConnector') return `Directory service (AD Connector, ${size})`;
  throw new Unpriced(`directory type "${type}" is not SimpleAD, ADConnector or MicrosoftAD`);
}

/**
 * `aws_directory_service_directory`, `AWS::DirectoryService::SimpleAD`, `AWS::DirectoryService::MicrosoftAD`:
 * domain controllers × the rate for the directory's kind and size or edition; two controllers,
 * or `desired_number_of_domain_controllers` when it asks for more, or two plus the usage file's
 * `additional_domain_controllers` (each extra one is billed at the same rate). A Microsoft AD
 * directory shared with other accounts bills each share (`shared_accounts`), on use.
 */
export const directoryServicePricer: Pricer = {
  types: ['aws_directory_service_directory', 'AWS::DirectoryService::SimpleAD', 'AWS::DirectoryService::MicrosoftAD'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const row = directoryRow(resource, attributes, context);
    const desired = amount(attributes.desired_number_of_domain_controllers, 'desired number of domain controllers') ?? 0;
    const additional = usageOf(context.usage, resource.address, 'additional_domain_controllers') ?? 0;
    const controllers = Math.max(MINIMUM_DOMAIN_CONTROLLERS, desired, MINIMUM_DOMAIN_CONTROLLERS + additional);
    const components = [rowComponent(resource, context, 'aws_directory_service_directory', row, controllers, `${row} × ${controllers} domain controllers`)];
    if (row.startsWith('Directory service (Microsoft AD')) components.push(rowOnUse(resource, context, 'aws_directory_service_directory', 'Directory sharing', usageOf(context.usage, resource.address, 'shared_accounts')));
    return { components };
  },
};

/** General-purpose certificates a month, in AWS's graduated tiers; short-lived ones have one rate. */
const CERTIFICATE_TIERS: readonly Tier[] = [
  { row: 'Certificates (first 1K)', size: 1_000 },
  { row: 'Certificates (next 9K)', size: 9_000 },
  { row: 'Certificates (over 10K)', size: Infinity },
];
const SHORT_LIVED_CERTIFICATES: readonly Tier[] = [{ row: 'Certificates (short-lived)', size: Infinity }];

/**
 * `aws_acmpca_certificate_authority`, `AWS::ACMPCA::CertificateAuthority`: a monthly fee by usage
 * mode (general-purpose or short-lived certificates); certificates issued are billed on use, from
 * the usage file's `monthly_requests` (certificates a month, Infracost's key), in tiers.
 */
export const privateCertificateAuthorityPricer: Pricer = {
  types: ['aws_acmpca_certificate_authority', 'AWS::ACMPCA::CertificateAuthority'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const shortLived = text(attributes.usage_mode ?? attributes.UsageMode, 'usage mode') === 'SHORT_LIVED_CERTIFICATE';
    const authority = shortLived ? 'Private certificate authority (short-lived certificate mode)' : 'Private certificate authority';
    const issued = usageOf(context.usage, resource.address, 'monthly_requests');
    return {
      components: [
        rowComponent(resource, context, 'aws_acmpca_certificate_authority', authority, 1),
        ...rowTiers(resource, context, 'aws_acmpca_certificate_authority', shortLived ? SHORT_LIVED_CERTIFICATES : CERTIFICATE_TIERS, issued),
      ],
    };
  },
};

/**
 * A web ACL's monthly fee, $1-a-month rules for the rules it defines itself, and the rule groups
 * it references on use: what a group costs depends on the rules inside it (or the seller of a
 * managed group), which the ACL does not say.
 */
function webAcl(resource: Resource, context: PriceContext, dataType: string, ownRules: number, groups: number): CostComponent[] {
  const components = [rowComponent(resource, context, dataType, 'Web ACL usage', 1)];
  if (ownRules > 0) components.push(rowComponent(resource, context, dataType, 'Rules', ownRules, `Rules × ${ownRules}`));
  if (groups > 0) components.push(rowOnUse(resource, context, dataType, 'Rule groups'));
  components.push(rowOnUse(resource, context, dataType, 'Requests', scaleMillions(usageOf(context.usage, resource.address, 'monthly_requests'))));
  return components;
}

/** `aws_waf_web_acl`, `AWS::WAF::WebACL` (WAF Classic): its `REGULAR` and `RATE_BASED` rules are its own; `GROUP` rules reference rule groups. */
export const wafWebAclPricer: Pricer = {
  types: ['aws_waf_web_acl', 'AWS::WAF::WebACL'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const rules = records(attributes.rules ?? attributes.Rules);
    const groups = rules.filter((rule) => text(rule.type ?? rule.Type, 'rule type') === 'GROUP').length;
    return { components: webAcl(resource, context, 'aws_waf_web_acl', rules.length - groups, groups) };
  },
};

/** Whether a WAFv2 rule's statement references a rule group (its own or a managed one) instead of matching by itself. */
function referencesGroup(rule: Record<string, unknown>): boolean {
  const statement = records(rule.statement ?? rule.Statement)[0] ?? {};
  const keys = ['rule_group_reference_statement', 'managed_rule_group_statement', 'RuleGroupReferenceStatement', 'ManagedRuleGroupStatement'];
  return keys.some((key) => records(statement[key]).length > 0);
}

/** `aws_wafv2_web_acl`, `AWS::WAFv2::WebACL`. */
export const wafv2WebAclPricer: Pricer = {
  types: ['aws_wafv2_web_acl', 'AWS::WAFv2::WebACL'],
  price(resource, context) {
    const rules = records(attributesOf(resource).rule ?? attributesOf(resource).Rules);
    const groups = rules.filter(referencesGroup).length;
    return { components: webAcl(resource, context, 'aws_wafv2_web_acl', rules.length - groups, groups) };
  },
};

/** `aws_networkfirewall_firewall`, `AWS::NetworkFirewall::Firewall`: one endpoint per subnet mapping (availability zone), hourly; data processed on use. */
export const networkFirewallPricer: Pricer = {
  types: ['aws_networkfirewall_firewall', 'AWS::NetworkFirewall::Firewall'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const mappings = attributes.subnet_mapping ?? attributes.SubnetMappings;
    if (isUnknown(mappings)) throw new Unpriced(`its subnet mappings are not known before apply (${mappings.__unknown})`);
    const endpoints = records(mappings).length;
    if (endpoints === 0) throw new Unpriced('the firewall maps no subnets');
    const data = context.unitPrice('aws', 'aws_networkfirewall_firewall', context.regionOf(resource), 'Data Processed');
    return {
      components: [
        rowHours(resource, context, 'aws_networkfirewall_firewall', 'Network Firewall Endpoint', endpoints, `Network Firewall endpoint × ${endpoints}`),
        dataProcessedComponent('Data processed', data.usd, resource, context.usage),
      ],
    };
  },
};

/** `aws_cloudhsm_v2_hsm`: an HSM is billed every hour it exists: all month, or the usage file's `monthly_hrs`. */
export const cloudHsmPricer: Pricer = {
  types: ['aws_cloudhsm_v2_hsm'],
  price(resource, context) {
    const hours = usageOf(context.usage, resource.address, 'monthly_hrs');
    return { components: [rowComponent(resource, context, 'aws_cloudhsm_v2_hsm', 'HSM usage', hours ?? HOURS_PER_MONTH)] };
  },
};

/** `aws_kms_external_key`: a key with imported material costs the same monthly fee as any customer managed key. */
export const kmsExternalKeyPricer = flat(['aws_kms_external_key'], 'aws_kms_external_key', 'Customer master key', 'months');
