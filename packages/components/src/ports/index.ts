import type { CallPort } from './call.js';
import type { ClockPort } from './clock.js';
import type { ExcelPort } from './excel.js';
import type { HttpPort } from './http.js';
import type { MailPort } from './mail.js';
import type { PaymentsPort } from './payments.js';
import type { ScenariosPort } from './scenarios.js';
import type { SmsPort } from './sms.js';
import type { SqlPort } from './sql.js';
import type { SwitchPort } from './switch.js';
import type { TracePort } from './trace.js';

export type * from './common.js';
export type * from './call.js';
export type * from './switch.js';
export type * from './sql.js';
export type * from './http.js';
export type * from './sms.js';
export type * from './mail.js';
export type * from './excel.js';
export type * from './payments.js';
export type * from './scenarios.js';
export type * from './clock.js';
export type * from './trace.js';

/** Everything outside the engine an executor may touch; implemented in apps/runtime. */
export interface Ports {
  /**
   * The run's call leg; absent in a service scenario until a dial is answered. The validator's
   * preconditions guarantee it is present for components whose precondition is call or answered.
   */
  call?: CallPort;
  switch: SwitchPort;
  sql: SqlPort;
  http: HttpPort;
  sms: SmsPort;
  mail: MailPort;
  excel: ExcelPort;
  payments: PaymentsPort;
  scenarios: ScenariosPort;
  clock: ClockPort;
  trace: TracePort;
}
