// Bundles the action (src/main.ts → dist/index.js) and the CLI (src/cli.ts → dist/cli.js) with ncc.
// ncc writes one `index.js` per output directory, so each entry is built into its own temporary
// directory and the results are merged; assets ncc relocates (the policy presets) and chunks of
// lazily imported modules (`<id>.index.js`) are shared.
// Usage: node scripts/build.mjs [--out DIR]   (default dist/)
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const out = outFlag >= 0 ? resolve(process.argv[outFlag + 1]) : join(root, 'dist');
const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

const entries = [
  { source: 'src/main.ts', bundle: 'index.js', licenses: true },
  { source: 'src/cli.ts', bundle: 'cli.js', licenses: false },
];

const work = mkdtempSync(join(tmpdir(), 'tollgate-build-'));
try {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const entry of entries) {
    const target = join(work, entry.bundle);
    const args = [ncc, 'build', join(root, entry.source), '-o', target, '--target', 'es2022', '--transpile-only', '--quiet'];
    if (entry.licenses) args.push('--license', 'licenses.txt');
    const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`build: ncc failed on ${entry.source}`);
      process.exit(1);
    }
    for (const name of readdirSync(target)) {
      if (name === 'package.json') continue;
      const destination = join(out, name === 'index.js' ? entry.bundle : name);
      // Chunks of lazily imported modules are named by module id; two entries must not claim one name for different code.
      if (name.endsWith('.js') && existsSync(destination) && !readFileSync(destination).equals(readFileSync(join(target, name)))) {
        console.error(`build: ${entry.source} and an earlier entry both produce ${name} with different contents`);
        process.exit(1);
      }
      cpSync(join(target, name), destination, { recursive: true });
    }
  }
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  chmodSync(join(out, 'cli.js'), 0o755);
} finally {
  rmSync(work, { recursive: true, force: true });
}
