import type { ComponentKey } from '../registry.js';
import { executorEntry, type AnyExecutor } from '../executors.js';
import { emailDefinition } from '../components/email/definition.js';
import { emailExecutor } from '../components/email/executor.js';
import { smsDefinition } from '../components/sms/definition.js';
import { smsExecutor } from '../components/sms/executor.js';

/** Executors of the messaging components; each lives in its component's folder as executor.ts. */
export const messagingExecutors: Array<[ComponentKey, AnyExecutor]> = [
  executorEntry(smsDefinition, smsExecutor),
  executorEntry(emailDefinition, emailExecutor),
];
