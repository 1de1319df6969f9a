import type { ResolvedConfig } from '../config/model.js';
import type { GitHubClient } from './client.js';

/** The budget's approval label, when cost-budget is on and names one. */
export function approvalLabel(config: ResolvedConfig): string | undefined {
  const settings = config.rules['cost-budget'];
  const label = settings?.options['approval-label'];
  return settings && settings.level !== 'off' && typeof label === 'string' ? label : undefined;
}

/**
 * Who last added each of `labels` to the pull request, from its issue events (`labeled`, with the
 * actor), so an approval shows who gave it. Labels compare without case, as GitHub's do.
 */
export async function fetchLabelAppliers(client: GitHubClient, owner: string, repo: string, issueNumber: number, labels: readonly string[]): Promise<Record<string, string>> {
  const wanted = new Set(labels.map((label) => label.toLowerCase()));
  const events = await client.paginate(client.rest.issues.listEvents, { owner, repo, issue_number: issueNumber, per_page: 100 });
  const appliers: Record<string, string> = {};
  for (const event of events) {
    const name = 'label' in event ? event.label?.name : undefined;
    const login = event.actor?.login;
    if (event.event === 'labeled' && name !== undefined && login !== undefined && wanted.has(name.toLowerCase())) appliers[name.toLowerCase()] = login;
  }
  return appliers;
}
