import type { Rule } from '../model.js';
import { autoscalingBounds } from './autoscaling-bounds.js';
import { commitmentDiscount } from './commitment-discount.js';
import { costAllocationTags } from './cost-allocation-tags.js';
import { costBudget } from './cost-budget.js';
import { costIncreasePercent } from './cost-increase-percent.js';
import { previousGenerationInstance } from './previous-generation-instance.js';
import { spotForNonProduction } from './spot-for-non-production.js';
import { storageClass } from './storage-class.js';

/** Cost rules, in report order. */
export const COST_RULES: readonly Rule[] = [costBudget, costIncreasePercent, autoscalingBounds, storageClass, previousGenerationInstance, spotForNonProduction, commitmentDiscount, costAllocationTags];
