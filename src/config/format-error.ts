import type { ConfigError } from './model.js';

function location(error: ConfigError): string {
  if (error.line === undefined) return error.file;
  return error.column === undefined ? `${error.file}:${error.line}` : `${error.file}:${error.line}:${error.column}`;
}

/**
 * One line in the `file:line:col: key: message` shape editors and CI logs turn into links,
 * e.g. `.github/tollgate.yml:4:10: fail-on: "sometimes" is not allowed; use one of: error, warning, never`.
 */
export function formatConfigError(error: ConfigError): string {
  const key = error.key ? `${error.key}: ` : '';
  return `${location(error)}: ${key}${error.message}`.replace(/\s*[\r\n]+\s*/g, ' ');
}
