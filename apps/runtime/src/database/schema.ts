import { AuditEntryEntity } from '../audit/audit-entry.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import { CallRecordEntity } from '../calls/call-record.entity.js';
import { ConnectionEntity } from '../connections/connection.entity.js';
import { PromptEntity } from '../prompts/prompt.entity.js';
import { CallbackNumberEntity } from '../routing/callback-number.entity.js';
import { ParkingLotEntity } from '../routing/parking-lot.entity.js';
import { RouteEntity } from '../routing/route.entity.js';
import { ScenarioVersionEntity } from '../scenarios/scenario-version.entity.js';
import { ScenarioEntity } from '../scenarios/scenario.entity.js';
import { CampaignAttemptEntity } from '../campaigns/campaign-attempt.entity.js';
import { CampaignContactEntity } from '../campaigns/campaign-contact.entity.js';
import { CampaignEntity } from '../campaigns/campaign.entity.js';
import { DoNotCallEntity } from '../campaigns/do-not-call.entity.js';
import { CallbackEntity } from '../jobs/callback.entity.js';
import { JobEntity } from '../jobs/job.entity.js';
import { ServiceScheduleEntity } from '../jobs/service-schedule.entity.js';
import { ServiceTriggerEntity } from '../jobs/service-trigger.entity.js';
import { RunStepEntity } from '../runs/run-step.entity.js';
import { GlobalVariableEntity } from '../cluster/global-variable.entity.js';
import { GlobalVariables1764000000000 } from './migrations/1764000000000-global-variables.js';
import { RunSteps1763950000000 } from './migrations/1763950000000-run-steps.js';
import { InitialSchema1763740000000 } from './migrations/1763740000000-initial-schema.js';
import { JobsAndCampaigns1763900000000 } from './migrations/1763900000000-jobs-and-campaigns.js';

/** Listed as classes, not globs: globs do not survive ESM and bundling. */
export const ENTITIES = [
  UserEntity,
  AuditEntryEntity,
  ScenarioEntity,
  ScenarioVersionEntity,
  RouteEntity,
  ParkingLotEntity,
  CallbackNumberEntity,
  ConnectionEntity,
  PromptEntity,
  CallRecordEntity,
  JobEntity,
  ServiceScheduleEntity,
  ServiceTriggerEntity,
  CallbackEntity,
  CampaignEntity,
  CampaignContactEntity,
  CampaignAttemptEntity,
  DoNotCallEntity,
  RunStepEntity,
  GlobalVariableEntity,
];

/** In order. A schema change is a new committed migration appended here, never an edit of an old one. */
export const MIGRATIONS = [
  InitialSchema1763740000000,
  JobsAndCampaigns1763900000000,
  RunSteps1763950000000,
  GlobalVariables1764000000000,
];
