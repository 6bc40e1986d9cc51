import { ActionIcon, Badge, Button, Divider, Group, Text, Tooltip } from '@mantine/core';
import {
  ClipboardPaste,
  Copy,
  Download,
  Maximize,
  Network,
  PhoneCall,
  Redo2,
  Rocket,
  Save,
  Trash2,
  Undo2,
  Upload,
} from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasErrors } from '../../schema/sharedSchema';
import { ProblemCounts } from '../problems/ProblemsPanel';
import type { EditorCommands } from '../session/useEditorCommands';
import { useEditor, useEditorHistory } from '../store/EditorStoreContext';

interface ToolbarProps {
  commands: EditorCommands;
  onSave(): void;
  saving: boolean;
  onPublish(): void;
  canEdit: boolean;
  /** Opens or closes the test-call panel. */
  onTestCall(): void;
  testCallOpen: boolean;
}

function ToolButton({
  label,
  onClick,
  disabled,
  loading,
  testId,
  children,
}: {
  label: string;
  onClick(): void;
  disabled?: boolean;
  loading?: boolean;
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <Tooltip label={label}>
      <ActionIcon
        variant="subtle"
        onClick={onClick}
        disabled={disabled}
        loading={loading}
        aria-label={label}
        aria-busy={loading || undefined}
        data-testid={testId}
      >
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

export function EditorToolbar({
  commands,
  onSave,
  saving,
  onPublish,
  canEdit,
  onTestCall,
  testCallOpen,
}: ToolbarProps) {
  const { t } = useTranslation();
  const name = useEditor((s) => s.doc.name);
  const kind = useEditor((s) => s.doc.kind);
  const dirty = useEditor((s) => s.doc !== s.savedDoc);
  const readOnly = useEditor((s) => s.readOnly);
  const blocked = useEditor((s) => hasErrors(s.diagnostics));
  const hasSelection = useEditor((s) => s.selectedNodes.size > 0 || s.selectedEdges.size > 0);
  const canUndo = useEditorHistory((h) => h.pastStates.length > 0);
  const canRedo = useEditorHistory((h) => h.futureStates.length > 0);
  const [layingOut, setLayingOut] = useState(false);

  return (
    <Group
      px="sm"
      py={4}
      gap="xs"
      justify="space-between"
      wrap="nowrap"
      style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Group gap="xs" wrap="nowrap">
        <Text fw={600} data-testid="editor-scenario-name">
          {name}
        </Text>
        <Badge variant="light">{t(`kinds.${kind}`)}</Badge>
        {readOnly && <Badge color="gray">{t('editor.readOnly')}</Badge>}
        {dirty && (
          <Badge color="orange" variant="dot" data-testid="editor-dirty">
            {t('editor.unsaved')}
          </Badge>
        )}
        <ProblemCounts />
      </Group>
      <Group gap={2} wrap="nowrap">
        <ToolButton
          label={t('editor.undo')}
          onClick={commands.undo}
          disabled={!canUndo || readOnly}
          testId="toolbar-undo"
        >
          <Undo2 size={16} />
        </ToolButton>
        <ToolButton
          label={t('editor.redo')}
          onClick={commands.redo}
          disabled={!canRedo || readOnly}
          testId="toolbar-redo"
        >
          <Redo2 size={16} />
        </ToolButton>
        <Divider orientation="vertical" />
        <ToolButton
          label={t('editor.copy')}
          onClick={() => void commands.copy()}
          disabled={!hasSelection}
          testId="toolbar-copy"
        >
          <Copy size={16} />
        </ToolButton>
        <ToolButton
          label={t('editor.paste')}
          onClick={() => void commands.paste()}
          disabled={readOnly}
          testId="toolbar-paste"
        >
          <ClipboardPaste size={16} />
        </ToolButton>
        <ToolButton
          label={t('editor.delete')}
          onClick={commands.deleteSelection}
          disabled={!hasSelection || readOnly}
          testId="toolbar-delete"
        >
          <Trash2 size={16} />
        </ToolButton>
        <Divider orientation="vertical" />
        <ToolButton
          label={t('editor.autoLayout')}
          onClick={() => {
            // A large scenario takes ELK a noticeable moment: the button spins and does not start a second run.
            setLayingOut(true);
            void commands.layout().finally(() => setLayingOut(false));
          }}
          disabled={readOnly || layingOut}
          loading={layingOut}
          testId="toolbar-layout"
        >
          <Network size={16} />
        </ToolButton>
        <ToolButton label={t('editor.fitView')} onClick={commands.fit} testId="toolbar-fit">
          <Maximize size={16} />
        </ToolButton>
        <ToolButton label={t('editor.exportJson')} onClick={commands.exportJson} testId="toolbar-export">
          <Download size={16} />
        </ToolButton>
        <ToolButton
          label={t('editor.importJson')}
          onClick={() => void commands.importJson()}
          disabled={readOnly}
          testId="toolbar-import"
        >
          <Upload size={16} />
        </ToolButton>
        <Divider orientation="vertical" />
        <Button
          size="compact-sm"
          variant={testCallOpen ? 'filled' : 'light'}
          color="green"
          leftSection={<PhoneCall size={14} />}
          onClick={onTestCall}
          data-testid="test-call-open"
        >
          {t('testCall.open')}
        </Button>
        {canEdit && (
          <>
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<Save size={14} />}
              onClick={onSave}
              loading={saving}
              disabled={!dirty}
              data-testid="save-draft"
            >
              {t('editor.save')}
            </Button>
            <Tooltip label={t('editor.publishBlocked')} disabled={!blocked}>
              <Button
                size="compact-sm"
                leftSection={<Rocket size={14} />}
                onClick={onPublish}
                disabled={blocked}
                data-testid="publish-button"
              >
                {t('editor.publish')}
              </Button>
            </Tooltip>
          </>
        )}
      </Group>
    </Group>
  );
}
