import { Alert, Group, NativeSelect, NumberInput, ScrollArea, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SheetPreview } from './campaignApi';
import { columnKeys, type ColumnChoice, type ColumnRole, type MappingProblem } from './campaignMapping';

const ROLES: ColumnRole[] = ['ignore', 'phone', 'id', 'timeZone', 'variable'];

interface MappingFormProps {
  preview: SheetPreview;
  choices: Record<string, ColumnChoice>;
  onChange(choices: Record<string, ColumnChoice>): void;
  headerRow: number;
  onHeaderRow(row: number): void;
  onSheet(sheet: string): void;
  problems: readonly MappingProblem[];
  disabled?: boolean;
}

/** The sheet's first rows with, above each column, what it holds for the campaign. */
export function MappingForm({
  preview,
  choices,
  onChange,
  headerRow,
  onHeaderRow,
  onSheet,
  problems,
  disabled,
}: MappingFormProps) {
  const { t } = useTranslation();
  const keys = columnKeys(preview.headers);
  const set = (key: string, change: Partial<ColumnChoice>) =>
    onChange({ ...choices, [key]: { ...(choices[key] ?? { role: 'ignore', variable: key }), ...change } });
  return (
    <div data-testid="campaign-mapping">
      <Group gap="xs" mb="xs" align="flex-end">
        {preview.sheets.length > 1 && (
          <NativeSelect
            size="xs"
            label={t('campaigns.sheet')}
            data={preview.sheets}
            value={preview.sheet}
            onChange={(e) => onSheet(e.currentTarget.value)}
            disabled={disabled}
            data-testid="campaign-sheet"
          />
        )}
        <NumberInput
          size="xs"
          w={110}
          label={t('campaigns.headerRow')}
          min={1}
          max={100}
          value={headerRow}
          onChange={(v) => onHeaderRow(typeof v === 'number' && v >= 1 ? v : 1)}
          disabled={disabled}
          data-testid="campaign-header-row"
        />
      </Group>
      <ScrollArea type="auto">
        <Table fz="xs" withTableBorder withColumnBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              {keys.map((key) => (
                <Table.Th key={key} miw={140}>
                  <Text size="xs" fw={700} mb={2}>
                    {key}
                  </Text>
                  <NativeSelect
                    size="xs"
                    aria-label={t('campaigns.columnRole', { column: key })}
                    data={ROLES.map((role) => ({ value: role, label: t(`campaigns.roles.${role}`) }))}
                    value={choices[key]?.role ?? 'ignore'}
                    onChange={(e) => set(key, { role: e.currentTarget.value as ColumnRole })}
                    disabled={disabled}
                    data-testid={`campaign-mapping-${key}`}
                  />
                  {choices[key]?.role === 'variable' && (
                    <TextInput
                      size="xs"
                      mt={2}
                      aria-label={t('campaigns.variableName')}
                      value={choices[key]?.variable ?? ''}
                      onChange={(e) => set(key, { variable: e.currentTarget.value })}
                      disabled={disabled}
                      data-testid={`campaign-variable-${key}`}
                    />
                  )}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.rows.map((row) => (
              <Table.Tr key={row.number}>
                <Table.Td c="dimmed">{row.number}</Table.Td>
                {keys.map((key, i) => (
                  <Table.Td key={key}>
                    {row.cells[i] === null || row.cells[i] === undefined ? '' : String(row.cells[i])}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {problems.length > 0 && (
        <Alert color="orange" mt="xs" p="xs" data-testid="campaign-mapping-problems">
          {problems.map((problem, i) => (
            <Text size="xs" key={i}>
              {problem.code === 'no-phone'
                ? t('campaigns.problems.noPhone')
                : problem.code === 'many'
                  ? t('campaigns.problems.many', { role: t(`campaigns.roles.${problem.role}`) })
                  : problem.code === 'bad-variable'
                    ? t('campaigns.problems.badVariable', { column: problem.column, variable: problem.variable })
                    : t('campaigns.problems.duplicateVariable', { variable: problem.variable })}
            </Text>
          ))}
        </Alert>
      )}
    </div>
  );
}
