import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';

const require = createRequire(import.meta.url);

/**
 * The SARIF 2.1.0 validator, loaded as src/report/sarif.test.ts loads it: the schema is draft-04
 * (`id`), which Ajv 8 reads as draft-07 once `id` is `$id`; one of its patterns is not a valid
 * unicode-mode regular expression, hence `unicodeRegExp: false`. Returns the errors, or [] when valid.
 */
export function sarifValidator(): (data: unknown) => string[] {
  const path = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false });
  const validate = ajv.compile({ ...rest, $id: String(id) });
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`));
}
