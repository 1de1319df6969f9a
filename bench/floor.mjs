// The floor a gate is measured against: read every file of both trees and parse, with the same
// `yaml` package tollgate uses, both sides of each file that differs (YAML and JSON; .tf is read).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

const [base, head] = process.argv.slice(2);

function files(root) {
  if (!existsSync(root)) return new Map();
  const found = new Map();
  const walk = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return found;
}

const before = files(base);
const after = files(head);
let documents = 0;
for (const path of new Set([...before.keys(), ...after.keys()])) {
  const sides = [before.get(path), after.get(path)];
  if (sides[0] === sides[1] || !/\.(ya?ml|json)$/.test(path)) continue;
  for (const text of sides) if (text !== undefined) documents += parseAllDocuments(text).length;
}
if (documents === 0) throw new Error('the floor parsed nothing');
