import type { Resource } from '../../iac/model.js';
import { isUnknown } from '../../iac/values.js';
import type { Rule, RuleContext, RuleFinding } from '../model.js';
import { cloudProduction, headCloudResources, isSetAt, judgedCloudResources, label } from './aws.js';
import { referencesTo } from '../../iac/references.js';
import { findingAt, valueAt } from './kubernetes.js';

/** Where each kind of invoker names the function it invokes; `name` when a bare function name is allowed there. */
interface Invocation {
  path: string;
  name: boolean;
  /** Terraform's separate qualifier argument (aws_lambda_permission). */
  qualifier?: string;
}

const INVOKERS: Readonly<Record<string, Invocation>> = {
  aws_lambda_event_source_mapping: { path: 'function_name', name: true },
  aws_lambda_permission: { path: 'function_name', name: true, qualifier: 'qualifier' },
  aws_apigatewayv2_integration: { path: 'integration_uri', name: false },
  aws_api_gateway_integration: { path: 'uri', name: false },
  'AWS::Lambda::EventSourceMapping': { path: 'Properties.FunctionName', name: true },
  'AWS::Lambda::Permission': { path: 'Properties.FunctionName', name: true },
  'AWS::ApiGatewayV2::Integration': { path: 'Properties.IntegrationUri', name: false },
  'AWS::ApiGateway::Method': { path: 'Properties.Integration.Uri', name: false },
};
const INVOKER_TYPES = {
  terraform: new Set(Object.keys(INVOKERS).filter((type) => !type.startsWith('AWS::'))),
  cloudformation: new Set(Object.keys(INVOKERS).filter((type) => type.startsWith('AWS::'))),
};
const FUNCTIONS = new Set(['aws_lambda_function', 'AWS::Lambda::Function', 'AWS::Serverless::Function']);
const SAM_FUNCTION = { cloudformation: new Set(['AWS::Serverless::Function']) };
/** Attributes of a function that already name a published version or an alias (SAM's `Fn.Alias`, `Fn.Version`). */
const QUALIFIED_ATTRIBUTES = new Set(['qualified_arn', 'qualified_invoke_arn', 'version', 'Alias', 'Version']);
const LAMBDA_ARN = /arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:([\w-]+)(?::([\w$-]+))?/;
const FUNCTION_NAME = /^([\w-]+)(?::([\w$-]+))?$/;
const LATEST = '$LATEST';

type Target = { qualifier: 'none' | 'latest' | 'version'; function: string };

/** What follows a reference (`}:live/invocations`, `}:$LATEST`, ` (known after apply)`) says whether it adds a qualifier. */
function qualifierAfter(rest: string): Target['qualifier'] {
  const tail = rest.replace(/^\s*\([^)]*\)/, '').replace(/^\}/, '');
  if (tail.startsWith(`:${LATEST}`)) return 'latest';
  return /^:[\w-]/.test(tail) ? 'version' : 'none';
}

function fromQualifier(qualifier: string | undefined): Target['qualifier'] {
  if (qualifier === undefined) return 'none';
  return qualifier === LATEST ? 'latest' : 'version';
}

/** The function a value invokes and how: a reference to a function in the change, a Lambda ARN, or a bare name where one is allowed. */
function targetOf(value: unknown, invoker: Resource, invocation: Invocation, functions: readonly Resource[]): Target | undefined {
  if (isUnknown(value)) {
    for (const fn of functions) {
      const [reference] = referencesTo(value, invoker, fn);
      if (!reference) continue;
      return { qualifier: QUALIFIED_ATTRIBUTES.has(reference.attribute) ? 'version' : qualifierAfter(reference.rest), function: label(fn) };
    }
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  const match = LAMBDA_ARN.exec(value) ?? (invocation.name ? FUNCTION_NAME.exec(value) : null);
  if (!match?.[1]) return undefined;
  return { qualifier: fromQualifier(match[2]), function: match[1] };
}

function invokerFinding(invoker: Resource, functions: readonly Resource[]): RuleFinding[] {
  const invocation = INVOKERS[invoker.type];
  if (!invocation) return [];
  const target = targetOf(valueAt(invoker.attributes, invocation.path), invoker, invocation, functions);
  if (!target || target.qualifier === 'version' || (invocation.qualifier && isSetAt(invoker, invocation.qualifier))) return [];
  const how = target.qualifier === 'latest' ? `${target.function} at ${LATEST}` : `${target.function} without a version or alias (that is ${LATEST})`;
  const fix =
    invoker.kind === 'terraform'
      ? `Point ${invocation.path} at an aws_lambda_alias (its arn or invoke_arn) whose traffic shifts gradually: routing_config weights, or a CodeDeploy deployment group with a Canary or Linear config.`
      : `Point ${invocation.path.replace(/^Properties\./, '')} at an AWS::Lambda::Alias (with SAM: AutoPublishAlias and a DeploymentPreference of type Canary or Linear, then \`!Ref <Function>.Alias\`).`;
  return [findingAt(invoker, invocation.path, `${label(invoker)} invokes ${how} in production; every deploy takes all of its traffic at once, and there is no earlier version to shift it back to.`, fix)];
}

/** A SAM function's event sources invoke the alias SAM publishes (AutoPublishAlias), else $LATEST. */
function samFinding(fn: Resource): RuleFinding[] {
  if (!isSetAt(fn, 'Properties.Events') || isSetAt(fn, 'Properties.AutoPublishAlias')) return [];
  return [
    findingAt(
      fn,
      'Properties.Events',
      `${label(fn)} has Events but no AutoPublishAlias, so its event sources invoke ${LATEST} in production; every deploy takes all of its traffic at once, and there is no earlier version to shift it back to.`,
      'Set `AutoPublishAlias: live` and `DeploymentPreference: { Type: Canary10Percent5Minutes, Alarms: [...] }` so SAM publishes versions and CodeDeploy shifts traffic gradually.',
    ),
  ];
}

export const lambdaGradualDeploy: Rule = {
  id: 'lambda-gradual-deploy',
  title: 'Production Lambda functions are invoked through an alias that can shift traffic gradually',
  category: 'deploy',
  severity: 'notice',
  docs: 'docs/rules/lambda-gradual-deploy.md',
  run: (context: RuleContext) => {
    const functions = headCloudResources(context.resources).filter((resource) => FUNCTIONS.has(resource.type));
    const inProduction = (resource: Resource): boolean => cloudProduction(resource, context);
    return [
      ...judgedCloudResources(context.resources, INVOKER_TYPES)
        .filter(inProduction)
        .flatMap((invoker) => invokerFinding(invoker, functions)),
      ...judgedCloudResources(context.resources, SAM_FUNCTION).filter(inProduction).flatMap(samFinding),
    ];
  },
};
