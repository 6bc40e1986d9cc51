import type { ComponentKey } from '../registry.js';
import type { AnyExecutor } from '../executors.js';
import { executorEntry } from '../executors.js';
import { paymentDefinition } from '../components/payment/definition.js';
import { paymentExecutor } from '../components/payment/executor.js';

/** Executors of the payments components; each lives in its component's folder as executor.ts. */
export const paymentsExecutors: Array<[ComponentKey, AnyExecutor]> = [
  executorEntry(paymentDefinition, paymentExecutor),
];
