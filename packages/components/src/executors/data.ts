import type { ComponentKey } from '../registry.js';
import { executorEntry, type AnyExecutor } from '../executors.js';
import { excelReadDefinition } from '../components/excel-read/definition.js';
import { excelReadExecutor } from '../components/excel-read/executor.js';
import { excelWriteDefinition } from '../components/excel-write/definition.js';
import { excelWriteExecutor } from '../components/excel-write/executor.js';
import { httpDefinition } from '../components/http/definition.js';
import { httpExecutor } from '../components/http/executor.js';
import { sqlDefinition } from '../components/sql/definition.js';
import { sqlExecutor } from '../components/sql/executor.js';

/** Executors of the data components; each lives in its component's folder as executor.ts. */
export const dataExecutors: Array<[ComponentKey, AnyExecutor]> = [
  executorEntry(sqlDefinition, sqlExecutor),
  executorEntry(httpDefinition, httpExecutor),
  executorEntry(excelReadDefinition, excelReadExecutor),
  executorEntry(excelWriteDefinition, excelWriteExecutor),
];
