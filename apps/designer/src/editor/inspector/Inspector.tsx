import { Alert, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../store/EditorStoreContext';
import { NodeInspector } from './NodeInspector';
import { ScenarioSettings } from './ScenarioSettings';
import classes from './Inspector.module.css';

/** The right-hand panel: the selected node's form, or the scenario's own settings. */
export function Inspector() {
  const { t } = useTranslation();
  const selected = useEditor((s) => s.selectedNodes);
  const only = selected.size === 1 ? [...selected][0]! : null;
  return (
    <ScrollArea className={classes.inspector} data-testid="inspector">
      <Stack gap="sm" p="sm">
        <Text fw={600} size="sm">
          {t('inspector.title')}
        </Text>
        {only ? (
          <NodeInspector key={only} nodeId={only} />
        ) : selected.size > 1 ? (
          <Alert color="gray">{t('inspector.manySelected', { count: selected.size })}</Alert>
        ) : (
          <ScenarioSettings />
        )}
      </Stack>
    </ScrollArea>
  );
}
