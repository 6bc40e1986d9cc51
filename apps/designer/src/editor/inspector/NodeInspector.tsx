import { useCallback, useMemo, useState } from 'react';
import { Alert, Badge, Button, Divider, Group, Stack, Text, TextInput } from '@mantine/core';
import { Construction, Lock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ComponentIcon } from '../../catalog/ComponentIcon';
import { nodeExits, paramsJsonSchema } from '../../catalog/componentSchemas';
import { useLocalize } from '../../i18n/useLanguage';
import { paramPointerOf } from '../../schema/jsonPointer';
import { useEditor, useEditorStoreApi } from '../store/EditorStoreContext';
import { describeParams, type FieldSpec } from '../../forms/schemaForm/fieldModel';
import { FormContext, type SchemaFormContext } from '../../forms/schemaForm/formContext';
import { SchemaField } from '../../forms/schemaForm/SchemaField';
import { useVariableNames } from './useVariableNames';

const NODE_ID = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

/** A component the catalog does not know still has params: they are edited as JSON. */
const RAW_PARAMS: FieldSpec = { kind: 'json', name: 'params', required: true };

export function NodeInspector({ nodeId }: { nodeId: string }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const store = useEditorStoreApi();
  const node = useEditor((s) => s.doc.nodes.find((n) => n.id === nodeId));
  const label = useEditor((s) => s.doc.layout[nodeId]?.label ?? '');
  const isStart = useEditor((s) => s.doc.start === nodeId);
  const readOnly = useEditor((s) => s.readOnly);
  const catalog = useEditor((s) => s.catalog);
  const diagnostics = useEditor((s) => s.diagnostics);
  const variables = useVariableNames();
  const definition = node ? catalog.get(node.type, node.typeVersion) : undefined;
  const spec = useMemo(
    () =>
      definition
        ? describeParams(paramsJsonSchema(definition), {
            expressions: definition.expressions,
            variableTargets: definition.variableTargets,
          })
        : null,
    [definition],
  );

  const { messages, nodeProblems } = useMemo(() => {
    const byPath = new Map<string, string[]>();
    const other: { severity: string; message: string }[] = [];
    for (const d of diagnostics) {
      if (d.nodeId !== nodeId) continue;
      const at = paramPointerOf(d.path);
      if (at === null || at === '') other.push(d);
      else byPath.set(at, [...(byPath.get(at) ?? []), d.message]);
    }
    return { messages: byPath, nodeProblems: other };
  }, [diagnostics, nodeId]);

  const onChange = useCallback(
    (path: readonly (string | number)[], value: unknown) => store.getState().setParam(nodeId, path, value),
    [store, nodeId],
  );
  const onCommit = useCallback(() => store.getState().endGesture(), [store]);
  const context: SchemaFormContext = useMemo(
    () => ({ testIdPrefix: `field-${nodeId}-`, messages, variables, readOnly, onChange, onCommit }),
    [nodeId, messages, variables, readOnly, onChange, onCommit],
  );

  if (!node) return null;
  const exits = definition ? nodeExits(definition, node.params).exits : [];

  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="nowrap">
        {definition && <ComponentIcon name={definition.icon} size={18} />}
        <Text fw={600}>{definition ? localize(definition.title) : node.type}</Text>
        <Badge size="xs" variant="outline">
          v{node.typeVersion}
        </Badge>
        {definition?.sensitive && <Lock size={14} />}
        {definition && !definition.implemented && (
          <Badge size="xs" color="orange" leftSection={<Construction size={10} />}>
            {t('node.notImplemented')}
          </Badge>
        )}
      </Group>
      {definition && (
        <Text size="xs" c="dimmed">
          {localize(definition.help)}
        </Text>
      )}
      <NodeIdField key={node.id} nodeId={node.id} readOnly={readOnly} />
      <TextInput
        size="xs"
        label={t('inspector.label')}
        value={label}
        disabled={readOnly}
        onChange={(e) => store.getState().setLabel(nodeId, e.currentTarget.value)}
        onBlur={onCommit}
        data-testid="inspector-label"
      />
      {!isStart && !readOnly && (
        <Button
          size="compact-xs"
          variant="light"
          w="fit-content"
          onClick={() => store.getState().setScenarioField('start', nodeId)}
        >
          {t('editor.setAsStart')}
        </Button>
      )}
      {nodeProblems.map((problem, index) => (
        <Alert
          key={index}
          color={problem.severity === 'error' ? 'red' : 'yellow'}
          p="xs"
          data-testid="inspector-node-problem"
        >
          <Text size="xs">{problem.message}</Text>
        </Alert>
      ))}
      <Divider />
      <FormContext.Provider value={context}>
        {spec ? (
          <SchemaField spec={spec} value={node.params} path={[]} />
        ) : (
          <>
            <Alert color="yellow">{t('inspector.unknownComponent')}</Alert>
            <SchemaField spec={RAW_PARAMS} value={node.params} path={[]} label="params" />
          </>
        )}
      </FormContext.Provider>
      {exits.length > 0 && (
        <>
          <Divider label={t('inspector.exits')} labelPosition="left" />
          <Stack gap={2}>
            {exits.map((exit) => (
              <Group key={exit.id} justify="space-between" gap="xs">
                <Text size="xs">{localize(exit.label)}</Text>
                <Text size="xs" c={node.exits[exit.id] ? undefined : 'dimmed'} ff="monospace">
                  {node.exits[exit.id] ?? t('inspector.notWired')}
                </Text>
              </Group>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}

/** Renames on blur or Enter: an id is a reference, so a half-typed one must not be applied. */
function NodeIdField({ nodeId, readOnly }: { nodeId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const [draft, setDraft] = useState(nodeId);
  const taken = draft !== nodeId && store.getState().doc.nodes.some((n) => n.id === draft);
  const invalid = !NODE_ID.test(draft);
  const apply = () => {
    if (!taken && !invalid && draft !== nodeId) store.getState().renameNode(nodeId, draft);
    else setDraft(nodeId);
  };
  return (
    <TextInput
      size="xs"
      label={t('inspector.nodeId')}
      value={draft}
      disabled={readOnly}
      error={taken ? `"${draft}" exists` : invalid ? 'A-Z a-z 0-9 _ . -' : undefined}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={apply}
      onKeyDown={(e) => e.key === 'Enter' && apply()}
      styles={{ input: { fontFamily: 'ui-monospace, monospace' } }}
      data-testid="inspector-node-id"
    />
  );
}
