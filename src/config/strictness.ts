/**
 * Which way a change to a rule option moves the gate, for telling a pull request that loosens
 * its own gate from one that tightens it. Options not listed (a discount used for an estimate,
 * the commit types a team uses) move it neither way: a change to them is shown as a change.
 *
 * - `threshold`: a number above which the rule reports; higher is looser, and 0 turns it off.
 * - `higher-looser` / `higher-stricter`: a number with that direction and no off value.
 * - `more-looser`: a list of exemptions (allowed files, excluded paths, authors).
 * - `more-stricter`: a list of requirements (tags, sections, owned paths).
 * - `on-stricter` / `on-looser`: a switch.
 */
export type OptionDirection = 'threshold' | 'higher-looser' | 'higher-stricter' | 'more-looser' | 'more-stricter' | 'on-stricter' | 'on-looser';

export const OPTION_DIRECTIONS: Readonly<Record<string, Readonly<Record<string, OptionDirection>>>> = {
  'cost-budget': { 'warn-delta': 'higher-looser', 'max-delta': 'higher-looser', 'max-total': 'higher-looser' },
  'cost-increase-percent': { 'max-percent': 'higher-looser', 'min-delta': 'higher-looser' },
  'autoscaling-bounds': { 'max-ratio': 'higher-looser' },
  'commitment-discount': { 'min-monthly': 'higher-looser' },
  'cost-allocation-tags': { required: 'more-stricter' },
  'k8s-image-tag': { 'require-digest': 'on-stricter' },
  'k8s-graceful-shutdown': { 'minimum-grace-seconds': 'higher-stricter' },
  'k8s-default-namespace': { 'require-namespace': 'on-stricter' },
  'no-committed-artifacts': { allow: 'more-looser' },
  'secrets-in-diff': { allow: 'more-looser' },
  'large-files': { 'max-size-kb': 'threshold', 'binary-allow': 'more-looser' },
  'codeowners-coverage': { paths: 'more-stricter' },
  'pr-size': { 'warning-lines': 'threshold', 'error-lines': 'threshold', 'warning-files': 'threshold', 'error-files': 'threshold', exclude: 'more-looser' },
  'pr-title-format': { 'require-scope': 'on-stricter', 'max-length': 'higher-looser', 'only-if-kept': 'on-looser' },
  'commit-message-format': { 'require-scope': 'on-stricter', 'max-length': 'higher-looser', 'squash-merge': 'on-looser' },
  'pr-description': { 'min-length': 'higher-stricter', 'required-sections': 'more-stricter' },
  'linked-issue': { 'ignore-authors': 'more-looser', 'only-if-kept': 'on-looser' },
  'branch-name': { allow: 'more-looser' },
};
