export { cloudFormationSuppressions } from './suppressions.js';
export { isCloudFormationTemplate, looksLikeCloudFormation, parseCloudFormation, type CloudFormationOptions, type CloudFormationResult } from './template.js';
export { containsUnknown, isUnknown, unknownValue, type UnknownValue } from '../values.js';
