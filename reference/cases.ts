import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig } from '../src/config/presets.js';
import { priceChanges } from '../src/cost/price.js';
import { parseUsage } from '../src/cost/usage.js';
import type { CostReport } from '../src/cost/model.js';
import { diffResources } from '../src/diff/diff.js';
import { parseIac } from '../src/iac/parse.js';
import { compareCase, type ResourceOutcome } from './compare.js';
import { parseGolden } from './golden.js';

/** Where the reference cases live: `../shared/infracost-reference` beside the repository (see its README). */
export const REFERENCE_ROOT = new URL('../../shared/infracost-reference/', import.meta.url);

export const PROVIDERS = ['aws', 'google', 'azure'] as const;

export interface ReferenceCase {
  /** `aws/mq_broker_test`. */
  name: string;
  provider: string;
  terraform: string;
  golden: string;
  usage?: string;
}

export function referenceAvailable(): boolean {
  return existsSync(REFERENCE_ROOT);
}

export function readCases(root: URL = REFERENCE_ROOT): ReferenceCase[] {
  const directory = root.pathname;
  return PROVIDERS.flatMap((provider) =>
    readdirSync(join(directory, provider))
      .sort()
      .map((name) => {
        const folder = join(directory, provider, name);
        const usagePath = join(folder, 'usage.yml');
        return {
          name: `${provider}/${name}`,
          provider,
          terraform: readFileSync(join(folder, 'main.tf'), 'utf8'),
          golden: readFileSync(join(folder, 'expected.golden'), 'utf8'),
          ...(existsSync(usagePath) ? { usage: readFileSync(usagePath, 'utf8') } : {}),
        };
      }),
  );
}

/** Prices a case the way the gate prices a pull request that adds its Terraform: every resource is new. */
export function priceCase(referenceCase: ReferenceCase, withUsage: boolean): CostReport {
  const config = defaultConfig();
  const iac = parseIac([{ path: `${referenceCase.name}/main.tf`, status: 'added', after: referenceCase.terraform }], {
    region: config.cost.region,
    varFiles: config.terraform.varFiles,
    ruleIds: [],
  });
  const usage = withUsage && referenceCase.usage ? parseUsage(referenceCase.usage, 'usage.yml').usage : undefined;
  return priceChanges(diffResources(iac.base, iac.head, iac.moves), config.cost, usage ? { usage } : {});
}

export function runCase(referenceCase: ReferenceCase, withUsage: boolean): ResourceOutcome[] {
  return compareCase({
    caseName: referenceCase.name,
    provider: referenceCase.provider,
    golden: parseGolden(referenceCase.golden),
    cost: priceCase(referenceCase, withUsage),
    withUsage,
  });
}
