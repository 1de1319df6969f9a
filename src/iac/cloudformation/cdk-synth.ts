import type { Notice } from '../../changes/model.js';
import type { InlineSuppression, ParseIssue, PipelineFile, Resource, ResourceSource, Side } from '../model.js';
import { baseName } from '../file-kinds.js';
import { isRecord } from '../values.js';
import { cloudFormationSuppressions } from './suppressions.js';
import { parseCloudFormation } from './template.js';

/**
 * Templates `cdk synth` wrote (cdk.out/<Stack>.template.json), given by earlier workflow steps for
 * the head and, synthesised again on a checkout of the base, for the base. A synthesised template
 * is not in the repository, so a resource is named by the construct path CDK records in its
 * `aws:cdk:path` metadata (`Shop/Database/Resource`), which a reader knows from the code, with the
 * logical id CloudFormation knows it by; its line is its line in the template.
 */

/** CDK's own bookkeeping resource: in every synthesised stack, never deployed as infrastructure. */
const CDK_METADATA_TYPE = 'AWS::CDK::Metadata';

/** `cdk.out/Shop.template.json` → `Shop`: the stack a template is for, the same name on both sides. */
function stackName(path: string): string {
  return baseName(path).replace(/\.template\.json$/i, '').replace(/\.json$/i, '');
}

function constructPath(resource: Resource): string | undefined {
  const metadata = resource.attributes.Metadata;
  const path = isRecord(metadata) ? metadata['aws:cdk:path'] : undefined;
  return typeof path === 'string' && path !== '' ? path : undefined;
}

export interface CdkSynthResult {
  base: Resource[];
  head: Resource[];
  issues: ParseIssue[];
  suppressions: InlineSuppression[];
  baseSuppressions: InlineSuppression[];
  notices: Notice[];
  sources: ResourceSource[];
}

function stackResources(file: PipelineFile, side: Side, into: CdkSynthResult): void {
  const template = parseCloudFormation(file.text, file.path, side);
  if (!template.isTemplate) {
    into.issues.push({ file: file.path, side, message: 'not a CloudFormation template; give the *.template.json files `cdk synth` writes to cdk.out' });
    return;
  }
  into.issues.push(...template.issues);
  const stack = stackName(file.path);
  const resources = template.resources
    .filter((resource) => resource.type !== CDK_METADATA_TYPE)
    .map((resource): Resource => {
      const path = constructPath(resource);
      // CloudFormation knows a resource by its logical id: a construct whose id changes is replaced, so the id stays in the address.
      const logicalId = String(resource.meta.logicalId);
      return { ...resource, address: path ? `${path} (${logicalId})` : `${stack}#${logicalId}`, scope: `cdk:${stack}`, meta: { ...resource.meta, source: 'cdk', ...(path ? { constructPath: path } : {}) } };
    });
  into[side].push(...resources);
  (side === 'head' ? into.suppressions : into.baseSuppressions).push(...cloudFormationSuppressions(resources));
}

/** The stacks of both sides' synthesised templates; a stack synthesised for the head only counts as added, and the report says why. */
export function readCdkSynth(files: readonly PipelineFile[]): CdkSynthResult {
  const result: CdkSynthResult = { base: [], head: [], issues: [], suppressions: [], baseSuppressions: [], notices: [], sources: [] };
  const synthesised = files.filter((file) => file.kind === 'cdk-synth');
  for (const file of synthesised) stackResources(file, file.side ?? 'head', result);
  const baseStacks = new Set(synthesised.filter((file) => file.side === 'base').map((file) => stackName(file.path)));
  const heads = synthesised.filter((file) => file.side !== 'base');
  for (const file of heads) result.sources.push({ kind: 'cdk-synth', scope: `cdk:${stackName(file.path)}`, file: file.path });
  if (heads.length > 0 && baseStacks.size === 0) {
    result.notices.push({ kind: 'plan', message: 'no templates of the base were given (cdk-synth-base), so every resource of the synthesised stacks counts as added and the cost delta is their whole cost; synthesise the base commit too (docs/pipeline.md)' });
  }
  return result;
}
