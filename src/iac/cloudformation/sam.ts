import { intrinsicName } from './intrinsics.js';
import { isRecord } from '../values.js';

/** Which `Globals` section applies to which SAM resource type (AWS SAM specification, "Globals"). */
const GLOBALS_SECTION_BY_TYPE: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
  'AWS::Serverless::SimpleTable': 'SimpleTable',
  'AWS::Serverless::StateMachine': 'StateMachine',
  'AWS::Serverless::LayerVersion': 'LayerVersion',
};

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';


/**
 * SAM's merge rules: a resource's own value wins over a global one, mappings merge key by key,
 * lists add up (globals first), and an intrinsic function counts as a single value, not a mapping.
 */
export function mergeGlobal(globalValue: unknown, localValue: unknown): unknown {
  if (localValue === undefined) return globalValue;
  if (intrinsicName(globalValue) !== undefined || intrinsicName(localValue) !== undefined) return localValue;
  if (Array.isArray(globalValue) && Array.isArray(localValue)) return [...globalValue, ...localValue];
  if (isRecord(globalValue) && isRecord(localValue)) {
    const merged: Record<string, unknown> = { ...globalValue };
    for (const [key, value] of Object.entries(localValue)) merged[key] = mergeGlobal(globalValue[key], value);
    return merged;
  }
  return localValue;
}

/**
 * A SAM resource's Properties with the template's `Globals` for its type merged in, as the SAM
 * transform would do before deployment. Resources that are not SAM types are returned unchanged.
 */
export function withSamGlobals(type: string, properties: unknown, globals: unknown): unknown {
  const section = GLOBALS_SECTION_BY_TYPE[type];
  const globalProperties = section !== undefined && isRecord(globals) ? globals[section] : undefined;
  if (!isRecord(globalProperties)) return properties;
  return mergeGlobal(globalProperties, properties ?? {});
}

export function hasSamTransform(transform: unknown): boolean {
  return transform === SAM_TRANSFORM || (Array.isArray(transform) && transform.includes(SAM_TRANSFORM));
}
