import { expect } from 'vitest';
import type { ChangedFile } from '../../changes/model.js';
import { emptyCost } from '../../cost/model.js';
import { changedPaths } from '../../diff/diff.js';
import type { ResourceChange } from '../../diff/model.js';
import { kubernetesResources } from '../../iac/kubernetes.js';
import type { Resource } from '../../iac/model.js';
import { parseYamlDocuments } from '../../iac/yaml-documents.js';
import { plainConfig } from '../../test-support.js';
import type { Rule, RuleFinding } from '../model.js';
import { DEPLOY_RULES } from './index.js';

/** Plain objects for the deployment rules' table tests. */

export function deployRule(id: string): Rule {
  const found = DEPLOY_RULES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

/** Runs one rule with its default options; a skip is a test failure here. */
export function runRule(id: string, resources: ResourceChange[], options: Record<string, unknown> = {}, files: ChangedFile[] = []): RuleFinding[] {
  const outcome = deployRule(id).run({ files, resources, parseIssues: [], suppressions: [], cost: emptyCost(), config: plainConfig(), options });
  if (!Array.isArray(outcome)) throw new Error(outcome.skip);
  return outcome;
}

/** Findings on exactly `lines`, each naming its resource in the message and giving a fix: the table tests' shared check. */
export function expectFindingsOn(findings: readonly RuleFinding[], lines: readonly number[]): void {
  expect(findings.map((finding) => finding.line)).toEqual(lines);
  for (const finding of findings) {
    expect(finding.resource).toBeDefined();
    expect(finding.message).toContain(finding.resource?.includes('#') ? (finding.resource.split('#')[1] ?? '') : (finding.resource ?? ''));
    expect(finding.fix).not.toBe('');
  }
}

/** A Terraform resource as the HCL evaluator builds it; every attribute sits on line 10 + its position. */
export function tf(type: string, name: string, attributes: Record<string, unknown>, meta: Record<string, unknown> = {}, file = 'infra/prod/main.tf'): Resource {
  const attributeLines = Object.fromEntries(Object.keys(attributes).map((key, index) => [key, 11 + index]));
  return { kind: 'terraform', type, address: `${type}.${name}`, attributes, file, line: 10, endLine: 40, attributeLines, provider: 'aws', meta: { source: 'hcl', mode: 'managed', ...meta } };
}

/** A CloudFormation resource; `Properties.X` sits on line 20 + its position, policies on 18 and 19. */
export function cfn(type: string, logicalId: string, properties: Record<string, unknown>, policies: Record<string, unknown> = {}, file = 'stacks/app.yaml'): Resource {
  const attributeLines: Record<string, number> = { DeletionPolicy: 18, UpdateReplacePolicy: 19, Properties: 20 };
  Object.keys(properties).forEach((key, index) => (attributeLines[`Properties.${key}`] = 21 + index));
  return { kind: 'cloudformation', type, address: `${file}#${logicalId}`, attributes: { Type: type, Properties: properties, ...policies }, file, line: 17, endLine: 40, attributeLines, meta: { logicalId } };
}

export const added = (after: Resource): ResourceChange => ({ address: after.address, kind: after.kind, type: after.type, change: 'added', after });

export function changed(before: Resource, after: Resource): ResourceChange {
  const changedAttributes = changedPaths(before.attributes, after.attributes);
  return { address: after.address, kind: after.kind, type: after.type, change: changedAttributes.length > 0 ? 'changed' : 'unchanged', before, after, changedAttributes };
}

/** Manifests as an added file, so the rule sees what the gate would. */
export function kubernetesChanges(yaml: string, path = 'deploy/shop/app.yaml'): ResourceChange[] {
  const { documents } = parseYamlDocuments(yaml, path, 'head');
  return kubernetesResources(documents, path).map((after) => ({ address: after.address, kind: after.kind, type: after.type, change: 'added', after }));
}

/** The 1-based line of the only line containing `text`, or of the n-th when asked: expectations name the line they mean. */
export function at(yaml: string, text: string, nth?: number): number {
  const lines = yaml.split('\n').flatMap((line, index) => (line.includes(text) ? [index + 1] : []));
  const line = lines[(nth ?? 1) - 1];
  if (line === undefined || (nth === undefined && lines.length !== 1)) throw new Error(`"${text}" is on lines [${lines.join(', ')}]`);
  return line;
}

/** Replaces text that must be there: a fixture edit that silently does nothing would make a case pass for the wrong reason. */
export function edit(yaml: string, from: string, to: string): string {
  if (!yaml.includes(from)) throw new Error(`"${from}" is not in the manifest`);
  return yaml.replace(from, to);
}
