import { Alert, Badge, Button, Modal, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../api/apiClient';
import { scenarioApi, scenarioKeys } from '../api/scenarioApi';
import type { Sample } from '../api/types';

/** The seed scenarios shipped in samples/, imported as new scenarios. */
export function SamplesDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const samples = useQuery({
    queryKey: ['samples'],
    queryFn: ({ signal }) => scenarioApi.samples(signal),
    enabled: opened,
  });
  const importSample = useMutation({
    mutationFn: (sample: Sample) => scenarioApi.importSample(sample.name).then((result) => ({ sample, result })),
    onSuccess: ({ sample, result }) => {
      notifications.show({ message: t('scenarios.importDone'), color: 'green' });
      void queryClient.invalidateQueries({ queryKey: scenarioKeys.all });
      onClose();
      // A sample may bring several scenarios (a main one and what it calls): open its entry.
      const entry = sample.scenarios.find((s) => s.kind === sample.kind)?.id ?? result.imported[0]?.id;
      if (entry) navigate(`/scenarios/${encodeURIComponent(entry)}`);
    },
    onError: (error) => notifications.show({ message: errorMessage(error), color: 'red' }),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('scenarios.samples')} size="lg">
      {samples.isError && <Alert color="red">{errorMessage(samples.error)}</Alert>}
      {samples.isSuccess && samples.data.length === 0 && <Text c="dimmed">{t('scenarios.noSamples')}</Text>}
      <Table>
        <Table.Tbody>
          {samples.data?.map((sample) => (
            <Table.Tr key={sample.name} data-testid={`sample-row-${sample.name}`}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {sample.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {sample.scenarios.map((s) => s.id).join(', ')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light">{t(`kinds.${sample.kind}`)}</Badge>
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-sm"
                  loading={importSample.isPending && importSample.variables?.name === sample.name}
                  onClick={() => importSample.mutate(sample)}
                  data-testid={`sample-import-${sample.name}`}
                >
                  {t('scenarios.importSample')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
