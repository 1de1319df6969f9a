import { readFileSync } from 'node:fs';
import type { ChangedFile } from '../../src/changes/model.js';
import type { Finding } from '../../src/checks/model.js';
import { runGate } from '../../src/gate.js';
import type { Report } from '../../src/report/model.js';
import { changeSet, plainConfig } from '../../src/test-support.js';

const fixture = (path: string): string => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
const demo = (path: string): string => readFileSync(new URL(`../../examples/demo-pr/${path}`, import.meta.url), 'utf8');

/**
 * The well-formed pull request every corpus case is added to: the demo PR (Terraform, Kubernetes,
 * a committed state file) plus a CloudFormation template, so the parsers, the rules and the cost
 * stage have something to report that a hostile neighbour must not disturb. (A saved plan is left
 * out: its addresses would merge with the demo's HCL across roots, see the `fails` cases.)
 */
export function goodFiles(): ChangedFile[] {
  return [
    { path: 'infra/main.tf', status: 'modified', before: demo('base/infra/main.tf'), after: demo('head/infra/main.tf') },
    { path: 'infra/terraform.tfstate', status: 'added', after: demo('head/infra/terraform.tfstate') },
    { path: 'k8s/web.yaml', status: 'modified', before: demo('base/k8s/web.yaml'), after: demo('head/k8s/web.yaml') },
    { path: 'k8s/worker.yaml', status: 'added', after: demo('head/k8s/worker.yaml') },
    { path: 'cfn/vpc-alb-asg.yaml', status: 'added', after: fixture('cloudformation/vpc-alb-asg.yaml') },
  ];
}

/** Valid texts of every parsed format, the seeds that truncation and mutation start from. */
export const SEEDS = {
  // Resource names made unique, so a copy of the seed declares nothing the good PR's roots declare.
  hcl: (demo('head/infra/main.tf') + fixture('terraform/hcl/compute.tf')).replace(/^(resource\s+"[^"]+"\s+")/gm, '$1corpus_'),
  // Another namespace, so a copy of the seed is a different object from the good PR's k8s/web.yaml.
  // The rollout timing the demo adds is left out: the mutation positions were chosen on this text.
  yaml: demo('head/k8s/web.yaml').replaceAll('namespace: shop', 'namespace: corpus').replace('  minReadySeconds: 10\n  progressDeadlineSeconds: 600\n', ''),
  cloudformation: fixture('cloudformation/vpc-alb-asg.yaml'),
  json: fixture('cloudformation/s3-cloudfront.json'),
  plan: fixture('terraform/plan/aws-shop.plan.json').replaceAll('"api"', '"corpus_api"').replaceAll('aws_instance.api', 'aws_instance.corpus_api'),
} as const;

/** Pull-request-wide rules whose answer depends on how many files or lines changed, not on any one file. */
const SIZE_RULES = new Set(['pr-size', 'large-files']);

export function gate(files: ChangedFile[]): Report {
  return runGate({ config: plainConfig(), changes: changeSet(files) });
}

function findingKey(finding: Finding): string {
  return JSON.stringify([finding.ruleId, finding.severity, finding.file ?? '', finding.line ?? 0, finding.resource ?? '', finding.message]);
}

/**
 * What a report says about every file except `excluded`: findings, resources and cost lines. A
 * hostile file may add its own entries, but must leave this view exactly as it is without it.
 */
export function viewOfOthers(report: Report, excluded: readonly string[]): unknown {
  const outside = (file: string | undefined): boolean => file === undefined || !excluded.includes(file);
  const excludedAddresses = new Set(report.resources.filter((resource) => !outside(resource.file)).map((resource) => resource.address));
  return {
    findings: report.findings
      .filter((finding) => outside(finding.file) && !SIZE_RULES.has(finding.ruleId))
      .map(findingKey)
      .sort(),
    resources: report.resources.filter((resource) => outside(resource.file)).map((resource) => `${resource.change} ${resource.address} ${resource.file}:${resource.line}`),
    cost: report.cost.lines
      .filter((line) => !excludedAddresses.has(line.address) && outside(line.file))
      .map((line) => `${line.address} ${line.before} ${line.after}`),
    unpriced: report.cost.unpriced.filter((entry) => !excludedAddresses.has(entry.address)).map((entry) => `${entry.address}: ${entry.reason}`),
  };
}

/** Every string a report carries, for "no stack trace, no leaked file content" assertions. */
export function allText(report: Report): string {
  return JSON.stringify(report);
}

/** A V8 stack frame (`    at fn (file:1:2)`), which no output may carry. */
export const STACK_FRAME = /\n\s+at .+(:\d+:\d+|\(native\))/;

/** Findings and notices that point at `path`. */
export function aboutFile(report: Report, path: string): string[] {
  return [
    ...report.findings.filter((finding) => finding.file === path).map((finding) => `${finding.ruleId}: ${finding.message}`),
    ...report.notices.filter((notice) => notice.file === path).map((notice) => `notice: ${notice.message}`),
  ];
}
