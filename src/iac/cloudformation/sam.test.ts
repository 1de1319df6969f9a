import { describe, expect, it } from 'vitest';
import { hasSamTransform, mergeGlobal, withSamGlobals } from './sam.js';

describe('mergeGlobal (SAM Globals rules)', () => {
  it.each<[string, unknown, unknown, unknown]>([
    ['a resource value wins over a global one', 256, 1024, 1024],
    ['a global value fills a gap', 256, undefined, 256],
    ['mappings merge key by key, deeply', { Variables: { A: '1', B: '2' } }, { Variables: { B: 'x', C: '3' } }, { Variables: { A: '1', B: 'x', C: '3' } }],
    ['lists add up, globals first', ['layer-a'], ['layer-b'], ['layer-a', 'layer-b']],
    ['an intrinsic function replaces a mapping', { Variables: { A: '1' } }, { 'Fn::If': ['C', { Variables: {} }, {}] }, { 'Fn::If': ['C', { Variables: {} }, {}] }],
    ['a mapping replaces an intrinsic function', { Ref: 'Vpc' }, { SubnetIds: [] }, { SubnetIds: [] }],
    ['a list replaces a scalar', 'x', ['y'], ['y']],
  ])('%s', (_name, globalValue, localValue, expected) => {
    expect(mergeGlobal(globalValue, localValue)).toEqual(expected);
  });
});

describe('withSamGlobals', () => {
  const globals = { Function: { Runtime: 'python3.12', Timeout: 5 }, Api: { TracingEnabled: true } };

  it.each<[string, unknown, unknown]>([
    ['AWS::Serverless::Function', { Handler: 'app.handler', Timeout: 30 }, { Runtime: 'python3.12', Timeout: 30, Handler: 'app.handler' }],
    ['AWS::Serverless::Function', undefined, { Runtime: 'python3.12', Timeout: 5 }],
    ['AWS::Serverless::Api', { StageName: 'v1' }, { TracingEnabled: true, StageName: 'v1' }],
    ['AWS::Serverless::HttpApi', { StageName: 'v1' }, { StageName: 'v1' }],
    ['AWS::Lambda::Function', { Handler: 'app.handler' }, { Handler: 'app.handler' }],
  ])('%s', (type, properties, expected) => {
    expect(withSamGlobals(type, properties, globals)).toEqual(expected);
  });

  it('ignores Globals that are not a mapping', () => {
    expect(withSamGlobals('AWS::Serverless::Function', { Handler: 'h' }, ['nonsense'])).toEqual({ Handler: 'h' });
  });
});

describe('hasSamTransform', () => {
  it.each<[unknown, boolean]>([
    ['AWS::Serverless-2016-10-31', true],
    [['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31'], true],
    ['AWS::LanguageExtensions', false],
    [undefined, false],
  ])('%j → %s', (transform, expected) => {
    expect(hasSamTransform(transform)).toBe(expected);
  });
});
