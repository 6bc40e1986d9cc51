import type { ComponentKey } from '../registry.js';
import type { AnyExecutor } from '../executors.js';

/** Executors of the call components; each lives in its component's folder as executor.ts. */
export const callExecutors: Array<[ComponentKey, AnyExecutor]> = [];
