import { describe, expect, it } from 'vitest';
import { settingSources } from './provenance.js';

describe('settingSources', () => {
  it('names the layer that set each value last, a rule’s shorthand as its level, lists and price books whole', () => {
    const sources = settingSources([
      { source: 'preset:default', raw: { 'fail-on': 'error', paths: ['**'], rules: { 'pr-size': { level: 'warning', options: { 'warn-lines': 400, 'error-lines': 1000 } } }, cost: { region: 'us-east-1' } } },
      { source: 'org.yml', raw: { extends: 'strict', paths: ['infra/**'], rules: { 'pr-size': 'off' }, cost: { 'price-book': { 'discount-percent': 18, providers: { aws: 20 } } } } },
      { source: '.github/tollgate.yml', raw: { rules: { 'pr-size': { options: { 'warn-lines': 600 } } }, cost: { 'price-book': { 'discount-percent': 10 } } } },
    ]);
    expect(sources.map(({ key, value, source }) => `${key}=${JSON.stringify(value)} ← ${source}`)).toEqual([
      'cost.price-book={"discount-percent":10} ← .github/tollgate.yml',
      'cost.region="us-east-1" ← preset:default',
      'fail-on="error" ← preset:default',
      'paths=["infra/**"] ← org.yml',
      'rules.pr-size.level="off" ← org.yml',
      'rules.pr-size.options.error-lines=1000 ← preset:default',
      'rules.pr-size.options.warn-lines=600 ← .github/tollgate.yml',
    ]);
  });
});
