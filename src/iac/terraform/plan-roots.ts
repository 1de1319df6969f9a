import { directoryOf, filesIn, isTerraformConfigurationFile, type TerraformFile, type TerraformParseCache } from './configuration.js';

/**
 * Which root of the checkout a saved plan from an earlier workflow step describes. A plan names
 * no directory, so it is the root it lies in, or the root whose declared blocks it declares too;
 * and a plan whose blocks differ from its root's at the head was made from another commit.
 */

/** A plan from an earlier step, as attribution sees it: its file and the blocks its root module declares. */
export interface PlanOutline {
  file: string;
  blocks?: ReadonlySet<string>;
}

/** What a plan was attributed to, and how sure that is. */
export interface PlanRoot {
  root: string;
  /** Why this root: the plan lies in it, its blocks match it, or nothing matched (its own directory stands in). */
  by: 'directory' | 'configuration' | 'none';
  /** Blocks one side declares and the other does not, when the plan was made from another commit of the root. */
  stale?: { onlyInRoot: string[]; onlyInPlan: string[] };
}

/** Below this share of blocks in common, a plan and a root are different configurations. */
const MIN_OVERLAP = 0.5;

/** The blocks a root directory's own files declare (`aws_instance.web`, `data.x.y`, `module.vpc`): what plans name in their configuration. */
export function declaredBlocks(files: readonly TerraformFile[], directory: string, cache: TerraformParseCache): Set<string> {
  const blocks = new Set<string>();
  for (const file of filesIn(files, directory)) {
    if (!isTerraformConfigurationFile(file.path)) continue;
    for (const block of cache.parse(file).body.blocks) {
      const [first = '', second = ''] = block.labels;
      if (block.type === 'resource') blocks.add(`${first}.${second}`);
      else if (block.type === 'data') blocks.add(`data.${first}.${second}`);
      else if (block.type === 'module') blocks.add(`module.${first}`);
    }
  }
  return blocks;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let common = 0;
  for (const item of a) if (b.has(item)) common += 1;
  const union = a.size + b.size - common;
  return union === 0 ? 0 : common / union;
}

function staleness(plan: ReadonlySet<string> | undefined, root: ReadonlySet<string> | undefined): PlanRoot['stale'] {
  if (plan === undefined || root === undefined) return undefined;
  const onlyInRoot = [...root].filter((block) => !plan.has(block)).sort();
  const onlyInPlan = [...plan].filter((block) => !root.has(block)).sort();
  return onlyInRoot.length + onlyInPlan.length === 0 ? undefined : { onlyInRoot, onlyInPlan };
}

/**
 * The root a plan belongs to among the roots the change touches (`roots`: directory → declared
 * blocks at the head). The plan's own directory wins when it is one of them; otherwise the one
 * root most of whose blocks the plan declares; otherwise the plan's directory, unmatched.
 */
export function attributePlan(plan: PlanOutline, roots: ReadonlyMap<string, ReadonlySet<string>>): PlanRoot {
  const own = directoryOf(plan.file);
  const inRoot = roots.get(own);
  if (inRoot !== undefined) return withStaleness({ root: own, by: 'directory' }, plan.blocks, inRoot);
  if (plan.blocks === undefined) return { root: own, by: 'none' };
  const scored = [...roots].map(([root, blocks]) => ({ root, blocks, score: overlap(plan.blocks as ReadonlySet<string>, blocks) })).sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (best === undefined || best.score < MIN_OVERLAP || (second !== undefined && second.score === best.score)) return { root: own, by: 'none' };
  return withStaleness({ root: best.root, by: 'configuration' }, plan.blocks, best.blocks);
}

function withStaleness(root: PlanRoot, plan: ReadonlySet<string> | undefined, blocks: ReadonlySet<string>): PlanRoot {
  const stale = staleness(plan, blocks);
  return stale === undefined ? root : { ...root, stale };
}
