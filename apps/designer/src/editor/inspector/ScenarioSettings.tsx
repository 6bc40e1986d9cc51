import { useState } from 'react';
import { Select, Stack, Textarea, TextInput, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useEditor, useEditorStoreApi } from '../store/EditorStoreContext';

/** With nothing selected the inspector edits the scenario itself: name, description, entry points. */
export function ScenarioSettings() {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const { name, description, start, onError, onHangup, kind, id, readOnly } = useEditor(
    useShallow((s) => ({
      name: s.doc.name,
      description: s.doc.description,
      start: s.doc.start,
      onError: s.doc.onError,
      onHangup: s.doc.onHangup,
      kind: s.doc.kind,
      id: s.doc.id,
      readOnly: s.readOnly,
    })),
  );
  const nodeIds = useEditor(useShallow((s) => s.doc.nodes.map((n) => n.id)));
  const set = store.getState().setScenarioField;
  const commit = () => store.getState().endGesture();
  return (
    <Stack gap="xs" data-testid="scenario-settings">
      <TextInput size="xs" label="Id" value={id} disabled readOnly />
      <TextInput size="xs" label={t('common.kind')} value={t(`kinds.${kind}`)} disabled readOnly />
      <TextInput
        size="xs"
        label={t('common.name')}
        value={name}
        disabled={readOnly}
        onChange={(e) => set('name', e.currentTarget.value)}
        onBlur={commit}
        data-testid="scenario-name"
      />
      <Textarea
        size="xs"
        label={t('editor.description')}
        value={description ?? ''}
        disabled={readOnly}
        // Fixed rows: autosize measures with getComputedStyle, a forced layout of the whole canvas.
        rows={3}
        onChange={(e) => set('description', e.currentTarget.value || undefined)}
        onBlur={commit}
      />
      <NodeSelect
        size="xs"
        label={t('editor.start')}
        value={nodeIds.includes(start) ? start : null}
        nodeIds={nodeIds}
        disabled={readOnly}
        searchable
        onChange={(v) => v && set('start', v)}
        data-testid="scenario-start"
      />
      <NodeSelect
        size="xs"
        label={t('editor.onError')}
        value={onError ?? null}
        nodeIds={nodeIds}
        disabled={readOnly}
        clearable
        searchable
        onChange={(v) => set('onError', v ?? undefined)}
      />
      <NodeSelect
        size="xs"
        label={t('editor.onHangup')}
        value={onHangup ?? null}
        nodeIds={nodeIds}
        disabled={readOnly}
        clearable
        searchable
        onChange={(v) => set('onHangup', v ?? undefined)}
      />
    </Stack>
  );
}

/**
 * A Select of node ids that is given them only while its dropdown is open: closed, it needs only
 * the chosen one to show. Three selects of every node of a 1,000-node scenario, mounted when the
 * editor opens, cost as much as a good part of the canvas.
 */
function NodeSelect({
  nodeIds,
  value,
  onDropdownOpen,
  onDropdownClose,
  ...props
}: Omit<SelectProps, 'data'> & { nodeIds: string[]; value: string | null }) {
  const [open, setOpen] = useState(false);
  return (
    <Select
      {...props}
      value={value}
      data={open ? nodeIds : value !== null ? [value] : []}
      onDropdownOpen={() => {
        setOpen(true);
        onDropdownOpen?.();
      }}
      onDropdownClose={() => {
        setOpen(false);
        onDropdownClose?.();
      }}
    />
  );
}
