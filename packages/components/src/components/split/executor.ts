import type { Executor } from '../../executor.js';
import type { SplitParams } from './definition.js';

/** Picks a branch at random: by weight in percentage mode, evenly otherwise. */
export const splitExecutor: Executor<SplitParams> = async ({ params }) => {
  const weights = params.branches.map((b) => (params.mode === 'percentage' ? b.weight : 1));
  const total = weights.reduce((sum, w) => sum + w, 0);
  let point = Math.random() * total;
  for (const [i, branch] of params.branches.entries()) {
    point -= weights[i]!;
    if (point < 0) return { exit: branch.id };
  }
  // Only reached by rounding at the very top, or when every weight is 0.
  return { exit: params.branches[params.branches.length - 1]!.id };
};
