import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where GitHub looks for CODEOWNERS, in its order: the first one found is in force. */
const LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];
/** GitHub ignores a CODEOWNERS file over 3 MB. */
const MAX_BYTES = 3 * 1024 * 1024;

/** The CODEOWNERS file of the checkout at `root`, or undefined when there is none (or it cannot be read). */
export async function readCodeowners(root: string): Promise<{ path: string; text: string } | undefined> {
  for (const path of LOCATIONS) {
    try {
      const bytes = await readFile(join(root, path));
      if (bytes.length > MAX_BYTES) return undefined;
      return { path, text: bytes.toString('utf8') };
    } catch {
      // Missing here; try the next location.
    }
  }
  return undefined;
}
