import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../changes/model.js';
import { runGate } from '../../gate.js';
import { changeSet, plainConfig } from '../../test-support.js';
import type { Resource } from '../../iac/model.js';
import { nonProductionMarker } from './production.js';

const PATTERNS = ['dev', 'test', 'staging'];

function resource(fields: Pick<Partial<Resource>, 'meta' | 'labels' | 'file' | 'scope'>): Resource {
  return { kind: 'terraform', type: 'aws_db_instance', address: 'aws_db_instance.main', file: 'modules/db/main.tf', line: 1, endLine: 4, attributes: {}, meta: {}, ...fields };
}

describe('nonProductionMarker', () => {
  it('reads the environment from the namespace, a label value, the file path or the scope', () => {
    expect(nonProductionMarker(resource({ meta: { namespace: 'shop-staging' } }), PATTERNS)).toBe('staging');
    expect(nonProductionMarker(resource({ labels: { Environment: 'test' } }), PATTERNS)).toBe('test');
    expect(nonProductionMarker(resource({ file: 'envs/dev/main.tf' }), PATTERNS)).toBe('dev');
    expect(nonProductionMarker(resource({ scope: 'live/dev' }), PATTERNS)).toBe('dev');
    expect(nonProductionMarker(resource({ scope: 'live/prod' }), PATTERNS)).toBeUndefined();
    expect(nonProductionMarker(resource({ scope: 'live/devops' }), PATTERNS)).toBeUndefined();
  });
});

describe('a shared module deployed from a dev root and a production root', () => {
  const moduleFile = 'resource "aws_db_instance" "main" {\n  engine              = "postgres"\n  instance_class      = "db.t4g.large"\n  deletion_protection = false\n}\n';
  const rootFile = 'module "db" {\n  source = "../../modules/db"\n}\n';

  it('judges the database as production only where the root is', () => {
    const files: ChangedFile[] = [
      { path: 'modules/db/main.tf', status: 'added', after: moduleFile },
      { path: 'live/dev/main.tf', status: 'added', after: rootFile },
      { path: 'live/prod/main.tf', status: 'added', after: rootFile },
    ];
    const report = runGate({ config: plainConfig(), changes: changeSet(files) });
    const protection = report.findings.filter((finding) => finding.ruleId === 'db-deletion-protection');
    expect(protection.map((finding) => [finding.scope, finding.file])).toEqual([['live/prod', 'modules/db/main.tf']]);
  });
});
