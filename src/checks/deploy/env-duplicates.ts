import type { Rule, RuleFinding } from '../model.js';
import { describe, findingAt, isRecord, judgedWorkloads, lineAt } from './kubernetes.js';

export const k8sEnvDuplicates: Rule = {
  id: 'k8s-env-duplicates',
  title: 'Containers set each environment variable once',
  category: 'deploy',
  severity: 'warning',
  docs: 'docs/rules/k8s-env-duplicates.md',
  run: ({ resources }) => {
    const findings: RuleFinding[] = [];
    for (const { resource, template } of judgedWorkloads(resources)) {
      for (const ref of template.containers) {
        const env = ref.container.env;
        if (!Array.isArray(env)) continue;
        const firstIndex = new Map<string, number>();
        env.forEach((entry: unknown, index) => {
          if (!isRecord(entry) || typeof entry.name !== 'string') return;
          const first = firstIndex.get(entry.name);
          if (first === undefined) {
            firstIndex.set(entry.name, index);
            return;
          }
          const firstLine = lineAt(resource, `${ref.path}.env.${first}`);
          findings.push(
            findingAt(
              resource,
              `${ref.path}.env.${index}`,
              `${describe(resource)}: container "${ref.name}" sets ${entry.name} again (first on line ${firstLine}); only the last value takes effect, and a reader of the first one is misled.`,
              `Remove one of the two ${entry.name} entries from container "${ref.name}" and keep the value you mean.`,
            ),
          );
        });
      }
    }
    return findings;
  },
};
