import { Badge, Table, Text } from '@mantine/core';
import { Lock } from 'lucide-react';
import { useTranslation } from 'react-i18next';

/** The runtime's mask for sensitive values: shown as it comes, never unmasked here. */
export const REDACTED = '[redacted]';

function display(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}

/** Variable values as the trace reports them (sensitive ones masked by the runtime). */
export function VariablesWatch({
  variables,
  testId,
  changed,
}: {
  variables: Record<string, unknown>;
  testId: string;
  /** Names changed by the step shown (replay): highlighted. */
  changed?: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const names = Object.keys(variables).sort();
  return (
    <div data-testid={testId}>
      {names.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('testCall.noVariables')}
        </Text>
      ) : (
        <Table fz="xs" withRowBorders={false} verticalSpacing={2}>
          <Table.Tbody>
            {names.map((name) => {
              const value = variables[name];
              const masked = value === REDACTED;
              return (
                <Table.Tr
                  key={name}
                  data-testid={`${testId}-${name}`}
                  style={changed?.has(name) ? { background: 'var(--mantine-color-yellow-1)' } : undefined}
                >
                  <Table.Td style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{name}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>
                    {masked ? (
                      <Badge size="xs" color="gray" leftSection={<Lock size={9} />} data-masked="true">
                        {t('testCall.masked')}
                      </Badge>
                    ) : (
                      display(value)
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}
