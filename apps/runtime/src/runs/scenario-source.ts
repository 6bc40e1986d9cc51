import { migrate, scenarioDocumentSchema } from '@ivr/scenario-schema';
import type { ScenarioSource } from '../engine/engine.js';
import type { ScenariosService } from '../scenarios/scenarios.service.js';

/** The engine loads published versions through the scenarios module: the live one unless pinned. */
export function scenarioSource(scenarios: ScenariosService): ScenarioSource {
  return {
    async load(scenarioId, version) {
      const pinned = version ?? (await scenarios.get(scenarioId)).liveVersion;
      if (pinned === null || pinned === undefined) throw new Error(`scenario ${scenarioId} has no published version`);
      const migrated = migrate(await scenarios.document(scenarioId, pinned));
      if (!migrated.ok) throw new Error(migrated.message);
      return { document: scenarioDocumentSchema.parse(migrated.document), version: pinned };
    },
  };
}
