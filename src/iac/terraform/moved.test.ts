import { describe, expect, it } from 'vitest';
import { parseHcl } from './hcl/parser.js';
import { addressOf } from './moved.js';

function fromAttribute(source: string): string | undefined {
  return addressOf(parseHcl(`from = ${source}\n`).body.attributes[0]?.expr);
}

describe('addressOf', () => {
  it.each<[string, string | undefined]>([
    ['aws_instance.web', 'aws_instance.web'],
    ['aws_instance.web[0]', 'aws_instance.web[0]'],
    ['module.app["eu"].aws_instance.web', 'module.app["eu"].aws_instance.web'],
    ['module.app', 'module.app'],
    ['data.aws_ami.ubuntu', 'data.aws_ami.ubuntu'],
    ['"aws_instance.web"', 'aws_instance.web'],
    ['var.x', undefined],
    ['local.name', undefined],
    ['aws_instance', undefined],
    ['aws_instance.web.id', undefined],
    ['upper("x")', undefined],
  ])('%s → %s', (source, expected) => {
    expect(fromAttribute(source)).toBe(expected);
  });
});
