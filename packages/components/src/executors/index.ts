/**
 * Every executor, keyed `type@version`. Imported by the runtime only (`@ivr/components/executors`),
 * never by the designer: definitions stay data, executors stay out of the browser bundle.
 */
import { createExecutorRegistry, type ExecutorRegistry } from '../executors.js';
import { callExecutors } from './call.js';
import { dataExecutors } from './data.js';
import { flowExecutors } from './flow.js';
import { messagingExecutors } from './messaging.js';
import { paymentsExecutors } from './payments.js';

export const executors: ExecutorRegistry = createExecutorRegistry([
  ...flowExecutors,
  ...callExecutors,
  ...dataExecutors,
  ...messagingExecutors,
  ...paymentsExecutors,
]);
