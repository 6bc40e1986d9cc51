import { useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FileUp, Library, Plus, Search, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../api/apiClient';
import { scenarioApi, scenarioKeys } from '../api/scenarioApi';
import { useAuth } from '../auth/AuthContext';
import { pickTextFile } from '../editor/toolbar/documentFiles';
import { NewScenarioDialog } from './NewScenarioDialog';
import { SamplesDialog } from './SamplesDialog';

export function ScenarioListPage() {
  const { t, i18n } = useTranslation();
  const { canEdit } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [creating, setCreating] = useState(false);
  const [browsingSamples, setBrowsingSamples] = useState(false);
  const scenarios = useQuery({
    queryKey: scenarioKeys.list(debounced),
    queryFn: ({ signal }) => scenarioApi.list(debounced, signal),
  });

  const remove = useMutation({
    mutationFn: (id: string) => scenarioApi.remove(id),
    onSuccess: () => {
      notifications.show({ message: t('common.deleted'), color: 'green' });
      void queryClient.invalidateQueries({ queryKey: scenarioKeys.all });
    },
    // A 409 names what still uses the scenario (routes, other scenarios) in its message.
    onError: (error) => notifications.show({ message: errorMessage(error), color: 'red' }),
  });

  const importFile = useMutation({
    mutationFn: async () => {
      const text = await pickTextFile();
      if (text === null) return null;
      const value = JSON.parse(text) as Record<string, unknown>;
      // An export bundle carries `scenarios` (the scenario and what it calls); a document is sent alone.
      return scenarioApi.import(Array.isArray(value.scenarios) ? { bundle: value } : { document: value });
    },
    onSuccess: (result) => {
      if (!result) return;
      notifications.show({ message: t('scenarios.importDone'), color: 'green' });
      void queryClient.invalidateQueries({ queryKey: scenarioKeys.all });
      const first = result.imported[0];
      if (first) navigate(`/scenarios/${encodeURIComponent(first.id)}`);
    },
    onError: (error) => notifications.show({ message: errorMessage(error), color: 'red' }),
  });

  return (
    <Stack p="md" gap="sm" data-testid="scenario-list">
      <Group justify="space-between">
        <Title order={3}>{t('scenarios.title')}</Title>
        {canEdit && (
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<FileUp size={14} />}
              onClick={() => importFile.mutate()}
              data-testid="scenario-import"
            >
              {t('scenarios.import')}
            </Button>
            <Button
              variant="default"
              leftSection={<Library size={14} />}
              onClick={() => setBrowsingSamples(true)}
              data-testid="scenario-from-sample"
            >
              {t('scenarios.newFromSample')}
            </Button>
            <Button leftSection={<Plus size={14} />} onClick={() => setCreating(true)} data-testid="scenario-new">
              {t('scenarios.newScenario')}
            </Button>
          </Group>
        )}
      </Group>
      <TextInput
        placeholder={t('common.search')}
        leftSection={<Search size={14} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-testid="scenario-search"
        maw={400}
      />
      {scenarios.isError && (
        <Alert color="red">{t('errors.loadFailed', { message: errorMessage(scenarios.error) })}</Alert>
      )}
      <Table highlightOnHover striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.name')}</Table.Th>
            <Table.Th>{t('scenarios.id')}</Table.Th>
            <Table.Th>{t('common.kind')}</Table.Th>
            <Table.Th>{t('scenarios.liveVersion')}</Table.Th>
            <Table.Th>{t('scenarios.lastChange')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {scenarios.data?.map((s) => (
            <Table.Tr key={s.id} data-testid={`scenario-row-${s.id}`}>
              <Table.Td>
                <Link to={`/scenarios/${encodeURIComponent(s.id)}`} data-testid={`scenario-open-${s.id}`}>
                  {s.name}
                </Link>
              </Table.Td>
              <Table.Td ff="monospace">{s.id}</Table.Td>
              <Table.Td>
                <Badge variant="light">{t(`kinds.${s.kind}`)}</Badge>
              </Table.Td>
              <Table.Td>
                {s.liveVersion === null ? (
                  <Text size="sm" c="dimmed">
                    {t('scenarios.notPublished')}
                  </Text>
                ) : (
                  <Badge color="green">v{s.liveVersion}</Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {new Date(s.updatedAt).toLocaleString(i18n.language)}
                  {s.updatedBy ? ` · ${s.updatedBy}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                {canEdit && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('common.delete')}
                    onClick={() => window.confirm(t('common.confirmDelete', { name: s.name })) && remove.mutate(s.id)}
                    data-testid={`scenario-delete-${s.id}`}
                  >
                    <Trash2 size={14} />
                  </ActionIcon>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {scenarios.isSuccess && scenarios.data.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('common.empty')}
        </Text>
      )}
      <NewScenarioDialog opened={creating} onClose={() => setCreating(false)} />
      <SamplesDialog opened={browsingSamples} onClose={() => setBrowsingSamples(false)} />
    </Stack>
  );
}
