import type { AnyExecutor } from '../executors.js';
import { executorEntry } from '../executors.js';
import type { ComponentKey } from '../registry.js';
import { assignDefinition } from '../components/assign/definition.js';
import { assignExecutor } from '../components/assign/executor.js';
import { conditionDefinition } from '../components/condition/definition.js';
import { conditionExecutor } from '../components/condition/executor.js';
import { endDefinition } from '../components/end/definition.js';
import { endExecutor } from '../components/end/executor.js';
import { logDefinition } from '../components/log/definition.js';
import { logExecutor } from '../components/log/executor.js';
import { messageSendDefinition } from '../components/message-send/definition.js';
import { messageSendExecutor } from '../components/message-send/executor.js';
import { messageWaitDefinition } from '../components/message-wait/definition.js';
import { messageWaitExecutor } from '../components/message-wait/executor.js';
import { pauseDefinition } from '../components/pause/definition.js';
import { pauseExecutor } from '../components/pause/executor.js';
import { splitDefinition } from '../components/split/definition.js';
import { splitExecutor } from '../components/split/executor.js';
import { startServiceDefinition } from '../components/start-service/definition.js';
import { startServiceExecutor } from '../components/start-service/executor.js';
import { subScenarioDefinition } from '../components/sub-scenario/definition.js';
import { subScenarioExecutor } from '../components/sub-scenario/executor.js';
import { switchDefinition } from '../components/switch/definition.js';
import { switchExecutor } from '../components/switch/executor.js';
import { workingHoursDefinition } from '../components/working-hours/definition.js';
import { workingHoursExecutor } from '../components/working-hours/executor.js';

/** Executors of the flow components; each lives in its component's folder as executor.ts. */
export const flowExecutors: Array<[ComponentKey, AnyExecutor]> = [
  executorEntry(endDefinition, endExecutor),
  executorEntry(conditionDefinition, conditionExecutor),
  executorEntry(switchDefinition, switchExecutor),
  executorEntry(assignDefinition, assignExecutor),
  executorEntry(pauseDefinition, pauseExecutor),
  executorEntry(workingHoursDefinition, workingHoursExecutor),
  executorEntry(subScenarioDefinition, subScenarioExecutor),
  executorEntry(startServiceDefinition, startServiceExecutor),
  executorEntry(messageSendDefinition, messageSendExecutor),
  executorEntry(messageWaitDefinition, messageWaitExecutor),
  executorEntry(logDefinition, logExecutor),
  executorEntry(splitDefinition, splitExecutor),
];
