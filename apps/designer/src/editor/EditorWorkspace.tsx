import { useCallback, useEffect, useState } from 'react';
import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { ScenarioCanvas } from './canvas/ScenarioCanvas';
import { VersionsPanel } from './history/VersionsPanel';
import { Inspector } from './inspector/Inspector';
import { Palette } from './palette/Palette';
import { ProblemsPanel } from './problems/ProblemsPanel';
import { useLiveValidation } from './problems/useLiveValidation';
import { ConflictDialog } from './session/ConflictDialog';
import { PublishDialog } from './session/PublishDialog';
import { useDraftSaving } from './session/useDraftSaving';
import { useEditorCommands } from './session/useEditorCommands';
import { useEditorShortcuts } from './shortcuts/useEditorShortcuts';
import { EditorToolbar } from './toolbar/EditorToolbar';
import { VariablesPanel } from './variables/VariablesPanel';
import { ParamsPanel } from './params/ParamsPanel';
import { TestCallPanel } from './testCall/TestCallPanel';
import classes from './EditorWorkspace.module.css';

/** Palette | canvas with the problems / variables / versions tabs below | inspector. */
export function EditorWorkspace({
  scenarioId,
  replayCallId = null,
  onReplayClosed,
}: {
  scenarioId: string;
  /** A finished call to replay as the editor opens (the calls page's replay button). */
  replayCallId?: string | null;
  onReplayClosed?(): void;
}) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  useLiveValidation();
  const commands = useEditorCommands();
  const saving = useDraftSaving(scenarioId);
  const [publishing, setPublishing] = useState(false);
  const save = useCallback(() => void saving.save(), [saving]);
  useEditorShortcuts(commands, save);
  const [bottomTab, setBottomTab] = useState<string | null>('problems');
  const [testCallOpen, setTestCallOpen] = useState(replayCallId !== null);
  useEffect(() => {
    if (replayCallId) setTestCallOpen(true);
  }, [replayCallId]);
  const closeTestCall = useCallback(() => {
    setTestCallOpen(false);
    if (replayCallId) onReplayClosed?.();
  }, [replayCallId, onReplayClosed]);

  return (
    <div className={classes.workspace} data-testid="editor">
      <EditorToolbar
        commands={commands}
        onSave={save}
        saving={saving.saving}
        onPublish={() => setPublishing(true)}
        canEdit={canEdit}
        onTestCall={() => (testCallOpen ? closeTestCall() : setTestCallOpen(true))}
        testCallOpen={testCallOpen}
      />
      <div className={classes.body}>
        <Palette onAdd={commands.addAtCenter} />
        <div className={classes.center}>
          <ScenarioCanvas />
          <Tabs value={bottomTab} onChange={setBottomTab} className={classes.bottom} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="problems" data-testid="tab-problems">
                {t('problems.title')}
              </Tabs.Tab>
              <Tabs.Tab value="variables" data-testid="tab-variables">
                {t('variables.title')}
              </Tabs.Tab>
              <Tabs.Tab value="params" data-testid="tab-params">
                {t('params.title')}
              </Tabs.Tab>
              <Tabs.Tab value="versions" data-testid="tab-versions">
                {t('history.title')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="problems" className={classes.panel}>
              <ProblemsPanel />
            </Tabs.Panel>
            <Tabs.Panel value="variables" className={classes.panel}>
              <VariablesPanel />
            </Tabs.Panel>
            <Tabs.Panel value="params" className={classes.panel}>
              <ParamsPanel />
            </Tabs.Panel>
            <Tabs.Panel value="versions" className={classes.panel}>
              <VersionsPanel scenarioId={scenarioId} />
            </Tabs.Panel>
          </Tabs>
        </div>
        {testCallOpen ? (
          <TestCallPanel
            key={replayCallId ?? 'live'}
            scenarioId={scenarioId}
            onClose={closeTestCall}
            replay={replayCallId ? { callId: replayCallId } : null}
            onShowProblems={() => setBottomTab('problems')}
            saveDraft={saving.save}
          />
        ) : (
          <Inspector />
        )}
      </div>
      <PublishDialog
        scenarioId={scenarioId}
        opened={publishing}
        onClose={() => setPublishing(false)}
        save={saving.save}
      />
      <ConflictDialog saving={saving} onExport={commands.exportJson} />
    </div>
  );
}
