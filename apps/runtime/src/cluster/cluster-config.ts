import { z } from 'zod';

/** Settings for running several nodes (docs/scaling.md). */
export interface ClusterConfig {
  /** How often a node takes the other nodes' global variable writes (GLOBALS_REFRESH_MS). */
  globalsRefreshMs: number;
  /** How long SIGTERM waits for the calls in progress to end before the node stops (CALL_DRAIN_MS). */
  callDrainMs: number;
}

const schema = z.object({
  GLOBALS_REFRESH_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  CALL_DRAIN_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
});

/** Throws naming the variable on a bad value. */
export function clusterConfigFromEnv(env: NodeJS.ProcessEnv): ClusterConfig {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.')}: ${issue.message}`);
  }
  return { globalsRefreshMs: parsed.data.GLOBALS_REFRESH_MS, callDrainMs: parsed.data.CALL_DRAIN_MS };
}
