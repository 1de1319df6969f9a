import { describe, expect, it } from 'vitest';
import { InputError, parseInputs } from './action-inputs.js';

function reader(values: Record<string, string>): (name: string) => string {
  return (name) => values[name] ?? '';
}

describe('parseInputs', () => {
  it('fills defaults for everything but the token', () => {
    expect(parseInputs(reader({ 'github-token': 'tok' }), '/ws')).toEqual({
      token: 'tok',
      configPath: '.github/tollgate.yml',
      comment: 'update',
      annotations: true,
      workspace: '/ws',
      workingDirectory: '/ws',
      pipeline: [],
    });
  });

  it('reads every input', () => {
    const settings = parseInputs(
      reader({
        'github-token': 'tok',
        config: 'ci/gate.yml',
        'fail-on': 'warning',
        comment: 'on-failure',
        annotations: 'false',
        'working-directory': 'infra',
        'base-ref': 'origin/release',
        'terraform-plan': 'infra/prod/plan.json\n infra/dev/plan.json, ',
        'pulumi-preview': 'preview.json',
      }),
      '/ws',
    );
    expect(settings).toEqual({
      token: 'tok',
      configPath: 'ci/gate.yml',
      failOn: 'warning',
      comment: 'on-failure',
      annotations: false,
      workspace: '/ws',
      workingDirectory: '/ws/infra',
      baseRef: 'origin/release',
      pipeline: [
        { name: 'terraform-plan', kind: 'terraform-plan', globs: ['infra/prod/plan.json', 'infra/dev/plan.json'] },
        { name: 'pulumi-preview', kind: 'pulumi-preview', globs: ['preview.json'] },
      ],
    });
  });

  it('leaves the token out when the input is empty: a run without API calls', () => {
    expect(parseInputs(reader({}), '/ws')).not.toHaveProperty('token');
  });

  it('keeps an absolute working directory', () => {
    expect(parseInputs(reader({ 'github-token': 't', 'working-directory': '/elsewhere' }), '/ws').workingDirectory).toBe('/elsewhere');
  });

  it.each([
    [{ comment: 'sometimes' }, 'input "comment" must be one of update, on-failure, off, review; got "sometimes"'],
    [{ 'fail-on': 'errors' }, 'input "fail-on" must be one of error, warning, never; got "errors"'],
    [{ annotations: 'yes' }, 'input "annotations" must be true or false; got "yes"'],
  ])('rejects %o with a message naming the input and value', (values, message) => {
    const read = reader({ 'github-token': 'tok', ...values });
    expect(() => parseInputs(read, '/ws')).toThrow(InputError);
    expect(() => parseInputs(read, '/ws')).toThrow(message);
  });
});
