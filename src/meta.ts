import pkg from '../package.json' with { type: 'json' };

export const TOOL_NAME = 'tollgate';
export const TOOL_VERSION: string = pkg.version;

/** Rule docs and the report schema are linked from every report; pages live in this repository. */
export const DOCS_BASE_URL = 'https://github.com/tollgate-dev/tollgate/blob/main/';

export function docsUrl(docsPath: string): string {
  return DOCS_BASE_URL + docsPath;
}

/** The check run name and comment marker: stable so branch rules and the sticky comment keep matching. */
export const CHECK_NAME = 'tollgate';
