import { useMemo } from 'react';
import { Badge, Button, Group, ScrollArea, Table, Text } from '@mantine/core';
import { CircleAlert, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useEditor, useEditorStoreApi } from '../store/EditorStoreContext';
import { undeclaredVariable } from './quickFix';
import { useFocusNode } from '../canvas/useFocusNode';

/** Rows rendered at most: a scenario with a thousand warnings must not mount a thousand table rows. */
const MAX_ROWS = 200;

/** Every finding of the shared validator, errors first; a click focuses the node it is about. */
export function ProblemsPanel() {
  const { t } = useTranslation();
  const diagnostics = useEditor((s) => s.diagnostics);
  const readOnly = useEditor((s) => s.readOnly);
  const store = useEditorStoreApi();
  const focusNode = useFocusNode();
  const declare = (name: string) => {
    const variables = store.getState().doc.variables;
    // `any` until the user says otherwise: a guessed type would only add type errors.
    store.getState().setVariables([...variables, { name, type: 'any', scope: 'run' }]);
  };
  const sorted = useMemo(
    () => [...diagnostics].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)),
    [diagnostics],
  );
  // Worked out when the diagnostics change (they follow every edit), not on every edit: subscribing to
  // the document would re-render this table on each frame of a drag.
  const declarable = useMemo(() => {
    const doc = store.getState().doc;
    return sorted.map((d) => undeclaredVariable(d, doc));
  }, [sorted, store]);
  return (
    <ScrollArea h="100%" data-testid="problems-panel">
      {sorted.length === 0 ? (
        <Text size="sm" c="dimmed" p="sm" data-testid="problems-none">
          {t('problems.none')}
        </Text>
      ) : (
        <Table highlightOnHover fz="xs" verticalSpacing={2}>
          <Table.Tbody>
            {sorted.slice(0, MAX_ROWS).map((d, index) => (
              <Table.Tr
                key={`${d.code}:${d.path}:${index}`}
                style={{ cursor: d.nodeId ? 'pointer' : undefined }}
                onClick={() => d.nodeId && focusNode(d.nodeId)}
                data-testid={`problem-${index}`}
                data-node-id={d.nodeId}
                data-code={d.code}
                data-severity={d.severity}
              >
                <Table.Td w={24}>
                  {d.severity === 'error' ? (
                    <CircleAlert size={14} color="var(--mantine-color-red-6)" />
                  ) : (
                    <TriangleAlert size={14} color="var(--mantine-color-yellow-7)" />
                  )}
                </Table.Td>
                <Table.Td>{d.message}</Table.Td>
                <Table.Td ff="monospace">{d.nodeId ?? ''}</Table.Td>
                <Table.Td ff="monospace" c="dimmed">
                  {d.code}
                </Table.Td>
                <Table.Td w={1}>
                  <DeclareButton
                    name={readOnly ? null : (declarable[index] ?? null)}
                    onDeclare={declare}
                    label={t('problems.declare')}
                    testId={`problem-declare-${index}`}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {sorted.length > MAX_ROWS && (
        <Text size="xs" c="dimmed" p="xs" data-testid="problems-more">
          {t('problems.more', { count: sorted.length - MAX_ROWS })}
        </Text>
      )}
    </ScrollArea>
  );
}

function DeclareButton({
  name,
  onDeclare,
  label,
  testId,
}: {
  name: string | null;
  onDeclare(name: string): void;
  label: string;
  testId: string;
}) {
  if (!name) return null;
  return (
    <Button
      size="compact-xs"
      variant="light"
      onClick={(event) => {
        // The row's own click focuses the node; declaring should not move the view.
        event.stopPropagation();
        onDeclare(name);
      }}
      data-testid={testId}
    >
      {label} {name}
    </Button>
  );
}

export function ProblemCounts() {
  const { t } = useTranslation();
  const diagnostics = useEditor((s) => s.diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return (
    <Group gap={4}>
      {errors > 0 && (
        <Badge size="xs" color="red" data-testid="problems-error-count">
          {t('problems.errors', { count: errors })}
        </Badge>
      )}
      {warnings > 0 && (
        <Badge size="xs" color="yellow" data-testid="problems-warning-count">
          {t('problems.warnings', { count: warnings })}
        </Badge>
      )}
    </Group>
  );
}
