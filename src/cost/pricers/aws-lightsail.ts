import { attributesOf, component, HOURS_PER_MONTH, requiredText, Unpriced, type Pricer } from '../pricing.js';

/** Memory of each Lightsail plan size, as bundle IDs name them (`medium_3_0`, `small_win_2_0`). */
const PLAN_MEMORY: Record<string, string> = {
  nano: '512 MB',
  micro: '1 GB',
  small: '2 GB',
  medium: '4 GB',
  large: '8 GB',
  xlarge: '16 GB',
  '2xlarge': '32 GB',
  '4xlarge': '64 GB',
};

/**
 * Lightsail bills a plan's fixed hourly rate up to the monthly plan price; AWS's hourly rates are
 * the plan price over a 31-day month ($5 a month is $0.0067 an hour), so a 730-hour month costs
 * 730/744 of the plan.
 */
const PLAN_HOURS = 744;

/**
 * `aws_lightsail_instance`, `AWS::Lightsail::Instance`: one instance plan (bundle), priced by its
 * size and whether it includes a Windows licence (`_win_` bundles). The plans in the data are the
 * dual-stack ones (with a public IPv4 address); IPv6-only and other bundle families stay unpriced.
 */
export const lightsailInstancePricer: Pricer = {
  types: ['aws_lightsail_instance', 'AWS::Lightsail::Instance'],
  price(resource, context) {
    const attributes = attributesOf(resource);
    const bundle = requiredText(attributes.bundle_id ?? attributes.BundleId, 'bundle_id');
    const match = /^([a-z0-9]+?)(_win)?(_ipv6)?_\d+_\d+$/.exec(bundle);
    const memory = match?.[1] === undefined ? undefined : PLAN_MEMORY[match[1]];
    if (!match || memory === undefined) throw new Unpriced(`Lightsail bundle ${bundle} is not a plan the price data covers (nano to 4xlarge, Linux/UNIX or Windows)`);
    if (match[3]) throw new Unpriced(`no price for the IPv6-only Lightsail bundle ${bundle} in the price data`);
    const os = match[2] ? 'Windows' : 'Linux/UNIX';
    const plan = context.unitPrice('aws', 'aws_lightsail_instance', context.regionOf(resource), `Instance plan (${os}, ${memory})`);
    context.addNote(`plan $${plan.usd} a month; its hourly rate (plan ÷ ${PLAN_HOURS} hours) for a ${HOURS_PER_MONTH}-hour month`);
    // To the millionth of a dollar the report keeps, so hours × rate is the line's figure.
    const hourly = Math.round((plan.usd / PLAN_HOURS) * 1e6) / 1e6;
    return { components: [component(`Instance plan (${os}, ${memory}, ${bundle})`, 'hours', HOURS_PER_MONTH, hourly)] };
  },
};
