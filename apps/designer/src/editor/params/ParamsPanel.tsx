import { ActionIcon, Button, Checkbox, Group, MultiSelect, ScrollArea, Select, Table, TextInput } from '@mantine/core';
import { Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { VALUE_TYPES, type ParamDeclaration } from '@ivr/scenario-schema';
import { useEditor, useEditorStoreApi } from '../store/EditorStoreContext';
import { useDeclarationProblems } from '../variables/useDeclarationProblems';

/**
 * What a caller hands the scenario (sub-scenario call, campaign row, API start) and which values go
 * back when it ends.
 */
export function ParamsPanel() {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const params = useEditor((s) => s.doc.params);
  const returns = useEditor((s) => s.doc.returns);
  const variables = useEditor((s) => s.doc.variables);
  const readOnly = useEditor((s) => s.readOnly);
  const problems = useDeclarationProblems('params');
  const commit = () => store.getState().endGesture();

  const update = (index: number, patch: Partial<ParamDeclaration>, field: string) => {
    const next = params.map((p, i) => {
      if (i !== index) return p;
      const merged = { ...p, ...patch } as ParamDeclaration;
      for (const key of Object.keys(patch) as (keyof ParamDeclaration)[])
        if (patch[key] === undefined) delete merged[key];
      return merged;
    });
    store.getState().setParams(next, `params:${index}:${field}`);
  };
  const add = () => {
    const taken = new Set([...params.map((p) => p.name), ...variables.map((v) => v.name)]);
    let n = params.length + 1;
    while (taken.has(`param${n}`)) n++;
    store.getState().setParams([...params, { name: `param${n}`, type: 'string' }]);
  };
  const returnable = [...variables.map((v) => v.name), ...params.map((p) => p.name)];

  return (
    <ScrollArea h="100%" data-testid="params-panel">
      <Table fz="xs" verticalSpacing={2}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('variables.name')}</Table.Th>
            <Table.Th>{t('variables.type')}</Table.Th>
            <Table.Th>{t('params.required')}</Table.Th>
            <Table.Th>{t('params.default')}</Table.Th>
            <Table.Th>{t('editor.description')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {params.map((param, index) => (
            <Table.Tr key={index} data-testid={`param-row-${index}`}>
              <Table.Td>
                <TextInput
                  size="xs"
                  value={param.name}
                  disabled={readOnly}
                  error={problems.get(index)}
                  onChange={(e) => update(index, { name: e.currentTarget.value }, 'name')}
                  onBlur={commit}
                  styles={{ input: { fontFamily: 'ui-monospace, monospace' } }}
                  data-testid={`param-name-${index}`}
                />
              </Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  w={110}
                  value={param.type}
                  disabled={readOnly}
                  data={[...VALUE_TYPES]}
                  onChange={(v) => v && update(index, { type: v as ParamDeclaration['type'] }, 'type')}
                />
              </Table.Td>
              <Table.Td>
                <Checkbox
                  size="xs"
                  checked={param.required === true}
                  disabled={readOnly}
                  onChange={(e) => update(index, { required: e.currentTarget.checked || undefined }, 'required')}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  size="xs"
                  value={param.default === undefined ? '' : JSON.stringify(param.default)}
                  placeholder="JSON"
                  disabled={readOnly}
                  onChange={(e) => {
                    const text = e.currentTarget.value;
                    if (text === '') update(index, { default: undefined }, 'default');
                    else
                      try {
                        update(index, { default: JSON.parse(text) as unknown }, 'default');
                      } catch {
                        // Not JSON yet: a string default is written with quotes.
                      }
                  }}
                  onBlur={commit}
                  styles={{ input: { fontFamily: 'ui-monospace, monospace' } }}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  size="xs"
                  value={param.description ?? ''}
                  disabled={readOnly}
                  onChange={(e) => update(index, { description: e.currentTarget.value || undefined }, 'description')}
                  onBlur={commit}
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="sm"
                  disabled={readOnly}
                  aria-label={t('common.remove')}
                  onClick={() => store.getState().setParams(params.filter((_, i) => i !== index))}
                >
                  <Trash2 size={14} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group m="xs" align="flex-end">
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<Plus size={12} />}
          disabled={readOnly}
          onClick={add}
          data-testid="param-add"
        >
          {t('params.add')}
        </Button>
        <MultiSelect
          size="xs"
          label={t('params.returns')}
          value={returns}
          data={[...new Set([...returnable, ...returns])]}
          disabled={readOnly}
          onChange={(next) => store.getState().setReturns(next)}
          miw={260}
          data-testid="scenario-returns"
        />
      </Group>
    </ScrollArea>
  );
}
