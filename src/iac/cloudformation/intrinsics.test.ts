import { describe, expect, it } from 'vitest';
import { NO_VALUE, evaluateCondition, namedCondition, resolveValue, type ResolveContext } from './intrinsics.js';
import { isUnknown, unknownValue } from '../values.js';

function context(region?: string): ResolveContext {
  return {
    parameters: new Map<string, unknown>([
      ['Env', 'prod'],
      ['Count', 2],
      ['Subnets', ['subnet-a', 'subnet-b', 'subnet-c']],
      ['Secret', unknownValue('Ref Secret (NoEcho)')],
    ]),
    mappings: {
      Ami: { 'us-east-1': { Id: 'ami-111', Arch: 'x86' }, 'eu-west-1': { Id: 'ami-222', Arch: 'x86' } },
      Size: { prod: { Class: 'db.r6g.large' }, dev: { Class: 'db.t4g.micro' } },
    },
    conditions: {
      IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
      InUsEast1: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] },
      ProdAndUsEast1: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'InUsEast1' }] },
      DevAndUsEast1: { 'Fn::And': [{ Condition: 'IsDev' }, { Condition: 'InUsEast1' }] },
      ProdOrUsEast1: { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'InUsEast1' }] },
      Loop: { 'Fn::Not': [{ Condition: 'Loop' }] },
    },
    ...(region ? { region } : {}),
    conditionCache: new Map(),
    evaluating: new Set(),
  };
}

describe('resolveValue with the region unknown', () => {
  it.each<[string, unknown, unknown]>([
    ['a parameter', { Ref: 'Env' }, 'prod'],
    ['a list parameter', { Ref: 'Subnets' }, ['subnet-a', 'subnet-b', 'subnet-c']],
    ['a resource reference', { Ref: 'Bucket' }, { __unknown: 'Ref Bucket' }],
    ['the region', { Ref: 'AWS::Region' }, { __unknown: 'Ref AWS::Region' }],
    ['the account', { Ref: 'AWS::AccountId' }, { __unknown: 'Ref AWS::AccountId' }],
    ['GetAtt, list form', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }, { __unknown: 'Fn::GetAtt Db.Endpoint.Address' }],
    ['GetAtt, string form', { 'Fn::GetAtt': 'Db.Arn' }, { __unknown: 'Fn::GetAtt Db.Arn' }],
    ['Sub with known variables', { 'Fn::Sub': '${Env}-${Count}-${!Literal}' }, 'prod-2-${Literal}'],
    ['Sub with a variable map', { 'Fn::Sub': ['${A}.${Env}', { A: { 'Fn::Join': ['', ['x', 'y']] } }] }, 'xy.prod'],
    ['Sub with the region unknown', { 'Fn::Sub': 'logs-${AWS::Region}' }, { __unknown: 'Fn::Sub logs-${Ref AWS::Region}' }],
    ['Sub with an attribute', { 'Fn::Sub': '${Bucket.Arn}/*' }, { __unknown: 'Fn::Sub ${Fn::GetAtt Bucket.Arn}/*' }],
    ['Join of known values', { 'Fn::Join': ['-', [{ Ref: 'Env' }, 'web', 3]] }, 'prod-web-3'],
    ['Join of a list parameter', { 'Fn::Join': [',', { Ref: 'Subnets' }] }, 'subnet-a,subnet-b,subnet-c'],
    ['Join with an unknown part', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }]] }, { __unknown: 'Fn::Join arn:{Ref AWS::Partition}' }],
    ['Select of a known list', { 'Fn::Select': ['1', { Ref: 'Subnets' }] }, 'subnet-b'],
    ['Select out of range', { 'Fn::Select': [5, ['a']] }, { __unknown: 'Fn::Select 5 of [a]' }],
    ['Select from an unknown list', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, { __unknown: 'Fn::Select 0 of {Fn::GetAZs }' }],
    ['Split', { 'Fn::Split': ['|', 'a|b'] }, ['a', 'b']],
    ['FindInMap with known keys', { 'Fn::FindInMap': ['Size', { Ref: 'Env' }, 'Class'] }, 'db.r6g.large'],
    ['FindInMap with a missing entry', { 'Fn::FindInMap': ['Size', 'qa', 'Class'] }, { __unknown: 'Fn::FindInMap [Size, qa, Class] (no such entry)' }],
    ['FindInMap with a default value', { 'Fn::FindInMap': ['Size', 'qa', 'Class', { DefaultValue: 'db.t4g.small' }] }, 'db.t4g.small'],
    [
      'FindInMap keyed by an unknown region',
      { 'Fn::FindInMap': ['Ami', { Ref: 'AWS::Region' }, 'Id'] },
      { __unknown: 'Fn::FindInMap [Ami, {Ref AWS::Region}, Id]', alternatives: ['ami-111', 'ami-222'] },
    ],
    ['If decided', { 'Fn::If': ['IsProd', 'db.r6g.large', 'db.t4g.micro'] }, 'db.r6g.large'],
    ['If undecided', { 'Fn::If': ['InUsEast1', 'm5.large', 'm6g.large'] }, { __unknown: 'Fn::If InUsEast1', alternatives: ['m5.large', 'm6g.large'] }],
    ['If undecided with equal branches', { 'Fn::If': ['InUsEast1', 'same', 'same'] }, 'same'],
    ['Equals of known values, number against string', { 'Fn::Equals': [{ Ref: 'Count' }, '2'] }, true],
    ['Base64', { 'Fn::Base64': { 'Fn::Sub': 'env=${Env}' } }, Buffer.from('env=prod').toString('base64')],
    ['Length', { 'Fn::Length': { Ref: 'Subnets' } }, 3],
    ['ToJsonString', { 'Fn::ToJsonString': { env: { Ref: 'Env' } } }, '{"env":"prod"}'],
    ['ImportValue', { 'Fn::ImportValue': 'shared-vpc' }, { __unknown: 'Fn::ImportValue shared-vpc' }],
    ['a NoEcho parameter', { Ref: 'Secret' }, { __unknown: 'Ref Secret (NoEcho)' }],
    ['a mapping that is not a function call', { Ref: 'Env', Extra: 1 }, { Ref: 'Env', Extra: 1 }],
    ['an IAM Condition block is data', { Condition: { StringEquals: { 'aws:x': { Ref: 'Env' } } } }, { Condition: { StringEquals: { 'aws:x': 'prod' } } }],
  ])('%s', (_name, input, expected) => {
    expect(resolveValue(input, context())).toEqual(expected);
  });
});

describe('resolveValue with a region', () => {
  it.each<[string, unknown, unknown]>([
    ['the region', { Ref: 'AWS::Region' }, 'eu-west-1'],
    ['the partition', { Ref: 'AWS::Partition' }, 'aws'],
    ['the URL suffix', { Ref: 'AWS::URLSuffix' }, 'amazonaws.com'],
    ['Sub with the region', { 'Fn::Sub': 'logs-${AWS::Region}' }, 'logs-eu-west-1'],
    ['Sub with the region and the account', { 'Fn::Sub': 'logs-${AWS::Region}-${AWS::AccountId}' }, { __unknown: 'Fn::Sub logs-eu-west-1-${Ref AWS::AccountId}' }],
    ['FindInMap keyed by the region', { 'Fn::FindInMap': ['Ami', { Ref: 'AWS::Region' }, 'Id'] }, 'ami-222'],
    ['If on a region condition', { 'Fn::If': ['InUsEast1', 'm5.large', 'm6g.large'] }, 'm6g.large'],
  ])('%s', (_name, input, expected) => {
    expect(resolveValue(input, context('eu-west-1'))).toEqual(expected);
  });

  it('knows the China partition', () => {
    expect(resolveValue({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b.${AWS::URLSuffix}' }, context('cn-north-1'))).toBe('arn:aws-cn:s3:::b.amazonaws.com.cn');
  });
});

describe('AWS::NoValue', () => {
  it('removes a property, a list item, and is returned as such at the top', () => {
    const noValue = { Ref: 'AWS::NoValue' };
    expect(resolveValue({ A: 1, B: noValue, C: [1, noValue, 2] }, context())).toEqual({ A: 1, C: [1, 2] });
    expect(resolveValue({ A: { 'Fn::If': ['IsDev', 'x', noValue] } }, context())).toEqual({});
    expect(resolveValue(noValue, context())).toBe(NO_VALUE);
  });

  it('leaves only the real branch as an alternative when undecided', () => {
    expect(resolveValue({ 'Fn::If': ['InUsEast1', 'x', { Ref: 'AWS::NoValue' }] }, context())).toEqual({ __unknown: 'Fn::If InUsEast1', alternatives: ['x'] });
  });
});

describe('conditions', () => {
  it.each<[string, string | undefined, boolean | 'unknown']>([
    ['IsProd', undefined, true],
    ['IsDev', undefined, false],
    ['InUsEast1', undefined, 'unknown'],
    ['InUsEast1', 'us-east-1', true],
    ['ProdAndUsEast1', undefined, 'unknown'],
    ['ProdAndUsEast1', 'eu-west-1', false],
    ['DevAndUsEast1', undefined, false],
    ['ProdOrUsEast1', undefined, true],
    ['Loop', undefined, 'unknown'],
    ['Undeclared', undefined, 'unknown'],
  ])('%s in region %s is %s', (name, region, expected) => {
    const value = namedCondition(name, context(region));
    expect(isUnknown(value) ? 'unknown' : value).toBe(expected);
  });

  it('evaluates an inline expression and a literal', () => {
    expect(evaluateCondition({ 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] }, context())).toBe(false);
    expect(evaluateCondition('true', context())).toBe(true);
    expect(isUnknown(evaluateCondition('maybe', context()))).toBe(true);
  });
});

describe('hostile input', () => {
  it('gives up on absurd nesting instead of overflowing the stack', () => {
    let value: unknown = 'x';
    for (let i = 0; i < 10_000; i += 1) value = { 'Fn::Base64': value };
    expect(isUnknown(resolveValue(value, context()))).toBe(true);
  });

  it.each<[string, unknown]>([
    ['Join', { 'Fn::Join': 'x' }],
    ['Select', { 'Fn::Select': [] }],
    ['Split', { 'Fn::Split': ['', 'a'] }],
    ['If', { 'Fn::If': ['IsProd'] }],
    ['Equals', { 'Fn::Equals': [1] }],
    ['FindInMap', { 'Fn::FindInMap': ['Nope', 'a', 'b'] }],
    ['Ref', { Ref: ['a'] }],
    ['Not', { 'Fn::Not': 'IsProd' }],
  ])('malformed %s becomes unknown', (_name, input) => {
    expect(isUnknown(resolveValue(input, context()))).toBe(true);
  });
});
