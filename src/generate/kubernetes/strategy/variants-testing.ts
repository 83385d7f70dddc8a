/** The strategy inputs the kubernetes, helm and kustomize tests render, in one order they index by. */
export const STRATEGY_VARIANTS = [
  { strategy: 'blue-green', rollouts: true },
  { strategy: 'blue-green', rollouts: false },
  { strategy: 'canary', rollouts: true },
  { strategy: 'canary', rollouts: false },
] as const;

export type StrategyVariant = (typeof STRATEGY_VARIANTS)[number];
