import type { AnyExecutor } from '../executors.js';
import { executorEntry } from '../executors.js';
import type { ComponentKey } from '../registry.js';
import { answerDefinition } from '../components/answer/definition.js';
import { answerExecutor } from '../components/answer/executor.js';
import { hangupDefinition } from '../components/hangup/definition.js';
import { hangupExecutor } from '../components/hangup/executor.js';
import { playDefinition } from '../components/play/definition.js';
import { playExecutor } from '../components/play/executor.js';
import { inputDefinition } from '../components/input/definition.js';
import { inputExecutor } from '../components/input/executor.js';
import { menuDefinition } from '../components/menu/definition.js';
import { menuExecutor } from '../components/menu/executor.js';
import { switchCallDefinition } from '../components/switch-call/definition.js';
import { switchCallExecutor } from '../components/switch-call/executor.js';
import { transferDefinition } from '../components/transfer/definition.js';
import { transferExecutor } from '../components/transfer/executor.js';
import { recordDefinition } from '../components/record/definition.js';
import { recordExecutor } from '../components/record/executor.js';
import { recordCallDefinition } from '../components/record-call/definition.js';
import { recordCallExecutor } from '../components/record-call/executor.js';
import { parkDefinition } from '../components/park/definition.js';
import { parkExecutor } from '../components/park/executor.js';
import { pickupDefinition } from '../components/pickup/definition.js';
import { pickupExecutor } from '../components/pickup/executor.js';
import { conferenceDefinition } from '../components/conference/definition.js';
import { conferenceExecutor } from '../components/conference/executor.js';
import { conferenceToBridgeDefinition } from '../components/conference-to-bridge/definition.js';
import { conferenceToBridgeExecutor } from '../components/conference-to-bridge/executor.js';
import { callbackDefinition } from '../components/callback/definition.js';
import { callbackExecutor } from '../components/callback/executor.js';
import { dialDefinition } from '../components/dial/definition.js';
import { dialExecutor } from '../components/dial/executor.js';
import { sipHeadersDefinition } from '../components/sip-headers/definition.js';
import { sipHeadersExecutor } from '../components/sip-headers/executor.js';
import { sendDtmfDefinition } from '../components/send-dtmf/definition.js';
import { sendDtmfExecutor } from '../components/send-dtmf/executor.js';

/** Executors of the call components; each lives in its component's folder as executor.ts. */
export const callExecutors: Array<[ComponentKey, AnyExecutor]> = [
  executorEntry(answerDefinition, answerExecutor),
  executorEntry(hangupDefinition, hangupExecutor),
  executorEntry(playDefinition, playExecutor),
  executorEntry(inputDefinition, inputExecutor),
  executorEntry(menuDefinition, menuExecutor),
  executorEntry(switchCallDefinition, switchCallExecutor),
  executorEntry(transferDefinition, transferExecutor),
  executorEntry(recordDefinition, recordExecutor),
  executorEntry(recordCallDefinition, recordCallExecutor),
  executorEntry(parkDefinition, parkExecutor),
  executorEntry(pickupDefinition, pickupExecutor),
  executorEntry(conferenceDefinition, conferenceExecutor),
  executorEntry(conferenceToBridgeDefinition, conferenceToBridgeExecutor),
  executorEntry(callbackDefinition, callbackExecutor),
  executorEntry(dialDefinition, dialExecutor),
  executorEntry(sipHeadersDefinition, sipHeadersExecutor),
  executorEntry(sendDtmfDefinition, sendDtmfExecutor),
];
