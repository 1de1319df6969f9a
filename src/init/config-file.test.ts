import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../config/load.js';
import { CONFIG_SCHEMA_URL, configText } from './config-file.js';
import { detectInfrastructure, type Detection } from './detect.js';
import { initSummary, refusalMessage } from './summary.js';

const schema: unknown = JSON.parse(readFileSync(new URL('../../schema/tollgate.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema as object);

const nothing: Detection = detectInfrastructure([]);

const shop: Detection = {
  ...nothing,
  terraformRoots: ['infra/prod'],
  terraformDirectories: ['infra/prod', 'modules/network'],
  helmCharts: ['charts/web'],
  kustomizeComponents: Array.from({ length: 11 }, (_, index) => `deploy/components/c${index}`),
  productionValues: ['values-prod.yaml'],
};

describe('configText', () => {
  it.each([
    ['nothing found', nothing],
    ['a repository with roots, charts and components', shop],
    ['a root at the top', { ...nothing, terraformRoots: ['.'], terraformDirectories: ['.'] }],
    ['a path with a newline and quotes in it', { ...nothing, manifestFolders: ['odd"dir\nname'] }],
  ])('writes a config the schema and the loader accept: %s', (_name, detection) => {
    const text = configText(detection);
    const value: unknown = parse(text);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    expect(parseConfig(text, '.github/tollgate.yml').errors).toEqual([]);
  });

  it('opens with the schema line, as raw JSON an editor can read', () => {
    expect(configText(nothing).split('\n')[0]).toBe(`# yaml-language-server: $schema=${CONFIG_SCHEMA_URL}`);
    expect(CONFIG_SCHEMA_URL).not.toContain('/blob/');
  });

  it('names what it found and analyses those places, with production values for the charts', () => {
    const config = parseConfig(configText(shop), '.github/tollgate.yml').config;
    expect(config?.paths).toEqual(['.github/**', 'charts/**', 'deploy/**', 'infra/**', 'modules/**']);
    expect(config?.kubernetes.helmValues).toEqual(['values-prod.yaml']);
    expect(configText(shop)).toContain('#   Terraform roots (1): infra/prod\n');
    expect(configText(shop)).toContain('deploy/components/c7 and 3 more\n');
  });

  it('keeps the defaults where it found nothing to narrow', () => {
    const config = parseConfig(configText(nothing), '.github/tollgate.yml').config;
    expect(config?.paths).toEqual(['**']);
    expect(config?.kubernetes.helmValues).toEqual([]);
    expect(configText(nothing)).toContain('#   no infrastructure files');
  });

  it('keeps a control character in a path from ending a comment line', () => {
    const text = configText({ ...nothing, manifestFolders: ['odd\nname'] });
    expect(text).toContain('#   Kubernetes manifests (1): odd?name\n');
    expect(parse(text)).toMatchObject({ paths: ['.github/**', 'odd\nname/**'] });
  });
});

describe('what init prints', () => {
  it('says what it found, what it wrote and what to do next', () => {
    const text = initSummary({ root: '/src/shop', detection: shop, written: [{ path: '.github/tollgate.yml', what: 'settings' }] });
    expect(text).toContain('Found in /src/shop:\n  Terraform roots (1): infra/prod\n');
    expect(text).toContain('Wrote .github/tollgate.yml: settings\n');
    expect(text).toContain('open a pull request');
  });

  it.each([
    [['.github/tollgate.yml'], '.github/tollgate.yml already exists; nothing was written. Run tollgate init --force to overwrite it.'],
    [['.github/workflows/tollgate.yml', '.github/tollgate.yml'], '.github/workflows/tollgate.yml and .github/tollgate.yml already exist; nothing was written. Run tollgate init --force to overwrite them.'],
  ])('refuses to overwrite %j, naming the files and --force', (existing, message) => {
    expect(refusalMessage(existing)).toBe(message);
  });
});
