// Fails when the committed dist/ differs from what `npm run build` produces from the current source.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const committed = join(root, 'dist');
const fresh = mkdtempSync(join(tmpdir(), 'tollgate-dist-'));

function listFiles(dir) {
  const files = [];
  const walk = (current) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(dir, path));
    }
  };
  walk(dir);
  return files.sort();
}

try {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--out', fresh], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
  const expected = listFiles(fresh);
  const actual = listFiles(committed);
  const problems = [];
  for (const file of new Set([...expected, ...actual])) {
    if (!expected.includes(file)) problems.push(`dist/${file} is not produced by the build any more`);
    else if (!actual.includes(file)) problems.push(`dist/${file} is missing`);
    else if (!readFileSync(join(fresh, file)).equals(readFileSync(join(committed, file)))) problems.push(`dist/${file} is out of date`);
  }
  if (problems.length > 0) {
    console.error(`${problems.join('\n')}\ndist/ is stale: run \`npm run build\` and commit dist/.`);
    process.exit(1);
  }
  console.log(`dist/ is up to date (${expected.length} files)`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
