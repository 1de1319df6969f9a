import { describe, expect, it } from 'vitest';
import { plainConfig } from '../test-support.js';
import { examplesConfig, testPolicyExamples } from './examples.js';
import { loadPolicies } from './load.js';
import { PACK_NAMES } from './packs.js';

const config = examplesConfig(plainConfig());
const noFiles = () => { throw new Error('packs have no example files'); };

describe.each(PACK_NAMES)('the %s pack', (name) => {
  it('loads, gives every policy examples that pass and fail, and each comes out as it says', async () => {
    const loaded = await loadPolicies({ policies: [`pack:${name}`], source: '.github/tollgate.yml' }, () => Promise.resolve({ files: [], errors: [] }));
    if (!('policies' in loaded)) throw new Error(JSON.stringify(loaded.errors));
    expect(loaded.policies.length).toBeGreaterThan(0);
    for (const policy of loaded.policies) {
      expect(policy.examples.pass.length, policy.id).toBeGreaterThan(0);
      expect(policy.examples.fail.length, policy.id).toBeGreaterThan(0);
      expect(policy.docs, policy.id).toMatch(/^https:\/\//);
    }
    const failing = testPolicyExamples(loaded.policies, config, noFiles).filter((result) => !result.ok);
    expect(failing).toEqual([]);
  });
});

describe('pack references', () => {
  it('refuses a pack that does not exist, with the nearest name', async () => {
    expect(await loadPolicies({ policies: ['pack:finop'], source: '.github/tollgate.yml' }, () => Promise.resolve({ files: [], errors: [] }))).toEqual({
      errors: [{ file: '.github/tollgate.yml', key: 'policies', value: 'pack:finop', message: 'there is no policy pack "finop" (did you mean "finops"?); the packs are production-readiness, finops, supply-chain' }],
    });
  });

  it('refuses two packs or files that define one id', async () => {
    const loaded = await loadPolicies({ policies: ['pack:finops', 'pack:finops'], source: '.github/tollgate.yml' }, () => Promise.resolve({ files: [], errors: [] }));
    expect('errors' in loaded && loaded.errors[0]?.message).toMatch(/is already used by the policy at pack:finops/);
  });
});
