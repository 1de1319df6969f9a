import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';

describe('parseCliArgs', () => {
  it('defaults to check origin/HEAD..HEAD as text', () => {
    expect(parseCliArgs([], false)).toEqual({ command: 'check', base: 'origin/HEAD', head: 'HEAD', format: 'text', color: false, pipeline: [] });
  });

  it('reads every option', () => {
    const args = ['check', '--base', 'main', '--head', 'feature', '--config', 'c.yml', '--format', 'sarif', '--fail-on', 'warning', '--output', 'out.sarif'];
    expect(parseCliArgs(args, true)).toEqual({
      command: 'check',
      base: 'main',
      head: 'feature',
      config: 'c.yml',
      format: 'sarif',
      failOn: 'warning',
      output: 'out.sarif',
      color: false,
      pipeline: [],
    });
  });

  it('reads the files earlier steps wrote, each flag repeatable, named as the user wrote it', () => {
    const args = ['--terraform-plan', 'infra/prod/plan.json', '--terraform-plan', 'infra/dev/*.json', '--cdk-synth', 'cdk.out', '--cdk-synth-base', 'base/cdk.out', '--pulumi-preview', 'preview.json'];
    expect(parseCliArgs(args, false)).toMatchObject({
      pipeline: [
        { name: '--terraform-plan', kind: 'terraform-plan', globs: ['infra/prod/plan.json', 'infra/dev/*.json'] },
        { name: '--cdk-synth', kind: 'cdk-synth', side: 'head', globs: ['cdk.out'] },
        { name: '--cdk-synth-base', kind: 'cdk-synth', side: 'base', globs: ['base/cdk.out'] },
        { name: '--pulumi-preview', kind: 'pulumi-preview', globs: ['preview.json'] },
      ],
    });
  });

  it('reads policy test with the files and packs to test', () => {
    expect(parseCliArgs(['policy', 'test', 'a.yml', 'pack:finops'], false)).toMatchObject({ command: 'policy-test', policyFiles: ['a.yml', 'pack:finops'] });
    expect(parseCliArgs(['policy', 'test'], false)).toMatchObject({ command: 'policy-test', policyFiles: [] });
  });

  it('reads the pull request flags for trying the hygiene rules locally', () => {
    expect(parseCliArgs(['--title', 'WIP: dns', '--body', 'Closes #4', '--branch', 'fix/dns'], false)).toMatchObject({
      title: 'WIP: dns',
      body: 'Closes #4',
      branch: 'fix/dns',
    });
    expect(parseCliArgs([], false)).not.toHaveProperty('title');
  });

  it('reads --usage FILE and leaves it out when not given', () => {
    expect(parseCliArgs(['check', '--usage', 'infra/tollgate-usage.yml'], false)).toMatchObject({ command: 'check', usage: 'infra/tollgate-usage.yml' });
    expect(parseCliArgs([], false)).not.toHaveProperty('usage');
    expect(parseCliArgs(['--usage'], false)).toEqual({ error: expect.stringContaining('--usage') });
  });

  it('reads init with the repository directory and --force, both left out when not given', () => {
    expect(parseCliArgs(['init', '--dir', 'repo', '--force'], false)).toMatchObject({ command: 'init', dir: 'repo', force: true });
    const plain = parseCliArgs(['init'], false);
    expect(plain).toMatchObject({ command: 'init' });
    expect(plain).not.toHaveProperty('dir');
    expect(plain).not.toHaveProperty('force');
  });

  it('reads rules and explain ID', () => {
    expect(parseCliArgs(['rules', '--format', 'json'], false)).toMatchObject({ command: 'rules', format: 'json' });
    expect(parseCliArgs(['explain', 'k8s-pdb'], false)).toMatchObject({ command: 'explain', ruleId: 'k8s-pdb' });
    expect(parseCliArgs(['rules'], false)).not.toHaveProperty('ruleId');
  });

  it('uses colour only on a terminal, without --no-color and without --output', () => {
    expect(parseCliArgs(['demo'], true)).toMatchObject({ command: 'demo', color: true });
    expect(parseCliArgs(['demo', '--no-color'], true)).toMatchObject({ color: false });
  });

  it.each([
    [['--format', 'html'], '--format: "html" is not allowed; use one of: text, markdown, json, sarif'],
    [['--fail-on', 'sometimes'], '--fail-on: "sometimes" is not allowed; use one of: error, warning, never'],
    [['deploy'], 'unknown command "deploy"; use check, demo, init, policy test, config print, rules or explain'],
    [['init', 'infra'], 'unexpected argument "infra"'],
    [['explain'], 'explain needs a rule id, as in: tollgate explain k8s-image-tag (tollgate rules lists them)'],
    [['explain', 'k8s-pdb', 'k8s-hpa'], 'unexpected argument "k8s-hpa"'],
    [['rules', 'deploy'], 'unexpected argument "deploy"'],
    [['config', 'show'], 'unknown command "config show"; use config print'],
    [['policy', 'lint'], 'unknown command "policy lint"; use policy test'],
    [['check', 'extra'], 'unexpected argument "extra"'],
  ])('rejects %j', (args, message) => {
    expect(parseCliArgs(args, false)).toEqual({ error: message });
  });

  it('rejects unknown flags with the parser message', () => {
    expect(parseCliArgs(['--bsae', 'main'], false)).toEqual({ error: expect.stringContaining('--bsae') });
  });

  it('turns --help and --version into commands', () => {
    expect(parseCliArgs(['--help'], false)).toMatchObject({ command: 'help' });
    expect(parseCliArgs(['-v'], false)).toMatchObject({ command: 'version' });
  });
});
