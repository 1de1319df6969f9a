import { matchesAnyGlob } from '../../globs.js';
import type { ChangedFile } from '../../changes/model.js';
import type { Rule, RuleFinding } from '../model.js';
import { globList, numberOption, stringList } from './options.js';

/** Binary files a repository reasonably keeps: images, fonts and documents for docs and sites. */
export const DEFAULT_BINARY_ALLOW = ['**/*.{png,jpg,jpeg,gif,ico,webp,avif,bmp,woff,woff2,ttf,otf,eot,pdf}'];

const LFS_POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n/;

function isLfsPointer(file: ChangedFile): boolean {
  return file.after !== undefined && LFS_POINTER.test(file.after);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  return `${Math.ceil(bytes / 1024)} KiB`;
}

export const largeFiles: Rule = {
  id: 'large-files',
  title: 'No large or binary files added',
  category: 'hygiene',
  severity: 'warning',
  docs: 'docs/rules/large-files.md',
  judgesChange: true,
  options: {
    'max-size-kb': { title: 'Largest file (KiB)', description: 'Added files larger than this are reported. Default: 1024 (1 MiB).', type: 'integer', minimum: 1 },
    'binary-allow': globList('Allowed binary files', 'Binary files matching these globs are accepted (replaces the default: images, fonts and PDFs).'),
  },
  run: ({ files, options }) => {
    const maxBytes = numberOption(options, 'max-size-kb', 1024) * 1024;
    const binaryAllow = stringList(options, 'binary-allow', DEFAULT_BINARY_ALLOW);
    const findings: RuleFinding[] = [];
    for (const file of files) {
      // A file already on the base branch was judged when it was added.
      if (file.status !== 'added' || isLfsPointer(file)) continue;
      if (file.size !== undefined && file.size > maxBytes) {
        findings.push({
          message: `${file.path} is ${formatBytes(file.size)}, over the ${formatBytes(maxBytes)} limit for added files.`,
          fix: 'Keep it out of git (an artifact store, a release asset), or track it with Git LFS (`git lfs track`).',
          file: file.path,
        });
      } else if (file.binary === true && !matchesAnyGlob(file.path, binaryAllow, { nocase: true })) {
        findings.push({
          message: `${file.path} is a binary file; binaries cannot be reviewed or diffed.`,
          fix: 'Build it in CI or fetch it at deploy time; if it must be versioned, use Git LFS or add its glob to `binary-allow`.',
          file: file.path,
        });
      }
    }
    return findings;
  },
};
