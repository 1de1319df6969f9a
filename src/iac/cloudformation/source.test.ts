import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_TEMPLATE_BYTES, readTemplateSource } from './source.js';

function valueOf(yaml: string): unknown {
  const source = readTemplateSource(`Value: ${yaml}\n`, 't.yaml', 'head');
  expect(source.issues).toEqual([]);
  expect(source.documents[0]?.issues).toEqual([]);
  return (source.documents[0]?.value as { Value: unknown }).Value;
}

describe('short-form tags', () => {
  it.each([
    ['!Ref Bucket', { Ref: 'Bucket' }],
    ['!Ref "AWS::Region"', { Ref: 'AWS::Region' }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
    ['!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['!GetAtt [Db, Arn]', { 'Fn::GetAtt': ['Db', 'Arn'] }],
    ["!Sub 'arn:${AWS::Partition}:s3:::x'", { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::x' }],
    ['!Sub ["${A}-x", {A: !Ref B}]', { 'Fn::Sub': ['${A}-x', { A: { Ref: 'B' } }] }],
    ["!Join ['-', [a, !Ref B]]", { 'Fn::Join': ['-', ['a', { Ref: 'B' }]] }],
    ["!Select [0, !GetAZs '']", { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ["!Split [',', 'a,b']", { 'Fn::Split': [',', 'a,b'] }],
    ['!If [IsProd, 2, 1]', { 'Fn::If': ['IsProd', 2, 1] }],
    ['!Equals [!Ref Env, prod]', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Not [!Condition A]', { 'Fn::Not': [{ Condition: 'A' }] }],
    ['!FindInMap [M, !Ref "AWS::Region", AMI]', { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'AMI'] }],
    ['!Base64 hello', { 'Fn::Base64': 'hello' }],
    ['!Cidr [10.0.0.0/16, 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
    ["!GetAZs ''", { 'Fn::GetAZs': '' }],
    ['!ImportValue shared-VpcId', { 'Fn::ImportValue': 'shared-VpcId' }],
    ['!Transform {Name: "AWS::Include", Parameters: {Location: s3://b/k}}', { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } }],
    ['!Length [a, b]', { 'Fn::Length': ['a', 'b'] }],
    ['!ToJsonString {a: 1}', { 'Fn::ToJsonString': { a: 1 } }],
  ])('%s', (yaml, expected) => {
    expect(valueOf(yaml)).toEqual(expected);
  });

  it('reads a tagged block mapping and block sequence', () => {
    const text = ['Value: !Sub', "  - 'https://${Bucket}.s3.amazonaws.com/${Key}'", '  - Bucket: !Ref TemplateBucket', '    Key: app.yaml', ''].join('\n');
    const document = readTemplateSource(text, 't.yaml', 'head').documents[0];
    expect(document?.value).toEqual({ Value: { 'Fn::Sub': ['https://${Bucket}.s3.amazonaws.com/${Key}', { Bucket: { Ref: 'TemplateBucket' }, Key: 'app.yaml' }] } });
    expect(document?.lines.Value).toBe(1);
    expect(document?.endLines.Value).toBe(4);
    expect(Object.keys(document?.lines ?? {})).toEqual(['Value']);
  });
});

describe('source lines', () => {
  const text = ['Resources:', '  Web:', '    Type: AWS::EC2::Instance', '    Properties:', '      InstanceType: t3.micro', '      Tags:', '        - Key: a', '          Value: b', '', '  Db:', '    Type: AWS::RDS::DBInstance', ''].join('\n');
  const document = readTemplateSource(text, 't.yaml', 'head').documents[0];

  it.each([
    ['Resources.Web', 2, 8],
    ['Resources.Web.Properties.InstanceType', 5, 5],
    ['Resources.Web.Properties.Tags', 6, 8],
    ['Resources.Web.Properties.Tags.0.Value', 8, 8],
    ['Resources.Db', 10, 11],
  ])('%s spans lines %i-%i', (path, line, endLine) => {
    expect(document?.lines[path]).toBe(line);
    expect(document?.endLines[path]).toBe(endLine);
  });
});

describe('bad input', () => {
  it('reports an unknown tag at its line and keeps the document', () => {
    const source = readTemplateSource('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Reff Name\n', 't.yaml', 'head');
    const issues = source.documents[0]?.issues ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 't.yaml', side: 'head', line: 5 });
    expect(issues[0]?.message).toContain('!Reff');
  });

  it('reports a YAML syntax error with its line', () => {
    const source = readTemplateSource('Resources:\n  A:\n    Type: [unclosed\n  B: x\n', 't.yaml', 'base');
    expect(source.documents).toEqual([]);
    expect(source.issues[0]).toMatchObject({ file: 't.yaml', side: 'base' });
    expect(source.issues[0]?.message).toMatch(/^invalid YAML/);
    expect(source.issues[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('reports a JSON syntax error with its line, even where YAML would accept the text', () => {
    const source = readTemplateSource('{\n  "Resources": {\n    "A": {"Type": "AWS::SNS::Topic",}\n  }\n}\n', 't.json', 'head');
    expect(source.documents).toEqual([]);
    expect(source.issues).toHaveLength(1);
    expect(source.issues[0]?.message).toMatch(/^invalid JSON/);
    expect(source.issues[0]?.line).toBe(3);
  });

  it('stops an alias bomb', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level <= 8; level += 1) lines.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10).fill(`*${String.fromCharCode(96 + level)}`).join(', ')}]`);
    const source = readTemplateSource(`${lines.join('\n')}\n`, 'bomb.yaml', 'head');
    expect(source.documents).toEqual([]);
    expect(source.issues[0]?.message).toContain('alias bomb');
  });

  it('refuses a file far beyond CloudFormation size limits', () => {
    const source = readTemplateSource(`Description: ${'x'.repeat(MAX_TEMPLATE_BYTES)}\n`, 'big.yaml', 'head');
    expect(source.documents).toEqual([]);
    expect(source.issues[0]?.message).toContain('larger than');
  });

  it('reports a duplicate key', () => {
    const source = readTemplateSource('Resources:\n  A:\n    Type: AWS::SNS::Topic\n  A:\n    Type: AWS::SQS::Queue\n', 't.yaml', 'head');
    expect(source.issues[0]?.line).toBe(4);
  });
});

describe('JSON', () => {
  it('reads tab-indented JSON with its lines', () => {
    const text = readFileSync('test/fixtures/cloudformation/tab-indented.json', 'utf8');
    const document = readTemplateSource(text, 'tab-indented.json', 'head').documents[0];
    expect(document?.value).toEqual(JSON.parse(text));
    expect(document?.lines['Resources.A']).toBe(3);
  });

  it('holds only .json files to strict JSON', () => {
    const text = '{"Resources": {"A": {"Type": "AWS::SNS::Topic"},}}';
    expect(readTemplateSource(text, 'stack.json', 'head').issues).toHaveLength(1);
    expect(readTemplateSource(text, 'stack.template', 'head').documents[0]?.value).toEqual({ Resources: { A: { Type: 'AWS::SNS::Topic' } } });
  });
});
