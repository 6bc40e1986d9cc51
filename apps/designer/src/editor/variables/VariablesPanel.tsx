import { useState } from 'react';
import { ActionIcon, Button, Checkbox, ScrollArea, Select, Table, TextInput } from '@mantine/core';
import { Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { VALUE_TYPES, VARIABLE_SCOPES, type VariableDeclaration } from '@ivr/scenario-schema';
import { useEditor, useEditorStoreApi } from '../store/EditorStoreContext';
import { useDeclarationProblems } from './useDeclarationProblems';

/** The scenario's variables: name, scope, type, initial value, sensitivity. */
export function VariablesPanel() {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const variables = useEditor((s) => s.doc.variables);
  const readOnly = useEditor((s) => s.readOnly);
  const problems = useDeclarationProblems('variables');

  const update = (index: number, patch: Partial<VariableDeclaration>, field: string) => {
    const next = variables.map((v, i) => {
      if (i !== index) return v;
      const merged = { ...v, ...patch } as VariableDeclaration;
      for (const key of Object.keys(patch) as (keyof VariableDeclaration)[])
        if (patch[key] === undefined) delete merged[key];
      return merged;
    });
    store.getState().setVariables(next, `variables:${index}:${field}`);
  };
  const add = () => {
    const taken = new Set(variables.map((v) => v.name));
    let n = variables.length + 1;
    while (taken.has(`var${n}`)) n++;
    store.getState().setVariables([...variables, { name: `var${n}`, type: 'string', scope: 'run' }]);
  };
  const commit = () => store.getState().endGesture();

  return (
    <ScrollArea h="100%" data-testid="variables-panel">
      <Table fz="xs" verticalSpacing={2}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('variables.name')}</Table.Th>
            <Table.Th>{t('variables.scope')}</Table.Th>
            <Table.Th>{t('variables.type')}</Table.Th>
            <Table.Th>{t('variables.initial')}</Table.Th>
            <Table.Th>{t('variables.sensitive')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {variables.map((variable, index) => (
            <Table.Tr key={index} data-testid={`variable-row-${index}`}>
              <Table.Td>
                <TextInput
                  size="xs"
                  value={variable.name}
                  disabled={readOnly}
                  error={problems.get(index)}
                  onChange={(e) => update(index, { name: e.currentTarget.value }, 'name')}
                  onBlur={commit}
                  styles={{ input: { fontFamily: 'ui-monospace, monospace' } }}
                  data-testid={`variable-name-${index}`}
                />
              </Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  w={110}
                  value={variable.scope}
                  disabled={readOnly}
                  data={VARIABLE_SCOPES.map((s) => ({ value: s, label: t(`variables.scopes.${s}`) }))}
                  onChange={(v) => v && update(index, { scope: v as VariableDeclaration['scope'] }, 'scope')}
                  data-testid={`variable-scope-${index}`}
                />
              </Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  w={110}
                  value={variable.type}
                  disabled={readOnly}
                  data={[...VALUE_TYPES]}
                  onChange={(v) => v && update(index, { type: v as VariableDeclaration['type'] }, 'type')}
                  data-testid={`variable-type-${index}`}
                />
              </Table.Td>
              <Table.Td>
                <InitialValueInput
                  key={`${index}:${variable.type}`}
                  variable={variable}
                  disabled={readOnly}
                  onValue={(initial) => update(index, { initial }, 'initial')}
                  onCommit={commit}
                  testId={`variable-initial-${index}`}
                />
              </Table.Td>
              <Table.Td>
                <Checkbox
                  size="xs"
                  checked={variable.sensitive === true}
                  disabled={readOnly}
                  onChange={(e) => update(index, { sensitive: e.currentTarget.checked || undefined }, 'sensitive')}
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="sm"
                  disabled={readOnly}
                  aria-label={t('common.remove')}
                  onClick={() => store.getState().setVariables(variables.filter((_, i) => i !== index))}
                  data-testid={`variable-remove-${index}`}
                >
                  <Trash2 size={14} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Button
        m="xs"
        size="compact-xs"
        variant="light"
        leftSection={<Plus size={12} />}
        disabled={readOnly}
        onClick={add}
        data-testid="variable-add"
      >
        {t('variables.add')}
      </Button>
    </ScrollArea>
  );
}

/** Strings are typed as they are; other types as JSON (`42`, `true`, `["a"]`), applied once they parse. */
function InitialValueInput({
  variable,
  disabled,
  onValue,
  onCommit,
  testId,
}: {
  variable: VariableDeclaration;
  disabled: boolean;
  onValue(value: unknown): void;
  onCommit(): void;
  testId: string;
}) {
  const { t } = useTranslation();
  const isString = variable.type === 'string';
  const shown =
    variable.initial === undefined
      ? ''
      : isString && typeof variable.initial === 'string'
        ? variable.initial
        : JSON.stringify(variable.initial);
  const [draft, setDraft] = useState(shown);
  const [invalid, setInvalid] = useState(false);
  return (
    <TextInput
      size="xs"
      value={draft}
      disabled={disabled}
      error={invalid ? t('variables.invalidInitial') : undefined}
      onChange={(e) => {
        const text = e.currentTarget.value;
        setDraft(text);
        if (text === '') {
          setInvalid(false);
          onValue(undefined);
        } else if (isString) onValue(text);
        else
          try {
            onValue(JSON.parse(text));
            setInvalid(false);
          } catch {
            setInvalid(true);
          }
      }}
      onBlur={onCommit}
      styles={{ input: { fontFamily: 'ui-monospace, monospace' } }}
      data-testid={testId}
    />
  );
}
