import { useRef, useState } from 'react';
import { Alert, Badge, Button, Group, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Upload } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../api/apiClient';
import { useAuth } from '../../auth/AuthContext';
import { campaignApi, campaignKeys } from './campaignApi';
import { statusColor } from './campaignSettings';
import { CampaignDetail } from './CampaignDetail';

/** Campaigns: upload a list, map its columns, choose the scenario and settings, run and watch it. */
export function CampaignsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const canRun = user?.role === 'admin' || user?.role === 'scheduler';
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const selected = params.get('id');
  const select = (id: string | null) => setParams(id ? { id } : {}, { replace: false });
  const [name, setName] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const campaigns = useQuery({
    queryKey: campaignKeys.list(),
    queryFn: ({ signal }) => campaignApi.list(signal),
    refetchInterval: (query) => (query.state.data?.some((c) => c.status === 'running') ? 5000 : false),
  });
  const upload = useMutation({
    mutationFn: (file: File) => campaignApi.upload(file, name.trim() || file.name.replace(/\.[^.]*$/, '') || file.name),
    onSuccess: (result) => {
      queryClient.setQueryData(campaignKeys.preview(result.campaign.id, undefined, 1), result.preview);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.list() });
      setName('');
      select(result.campaign.id);
      notifications.show({ color: 'green', message: t('campaigns.uploaded', { name: result.campaign.name }) });
    },
  });

  return (
    <Stack p="md" gap="sm" data-testid="campaigns-page">
      <Group justify="space-between">
        <Title order={4}>{t('nav.campaigns')}</Title>
        {canRun && (
          <Group gap="xs" align="flex-end">
            <TextInput
              size="xs"
              placeholder={t('campaigns.namePlaceholder')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-testid="campaign-name"
            />
            <input
              ref={input}
              type="file"
              accept=".xlsx,.csv,.txt"
              hidden
              data-testid="campaign-file-input"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (file) upload.mutate(file);
              }}
            />
            <Button
              size="xs"
              leftSection={<Upload size={14} />}
              loading={upload.isPending}
              onClick={() => input.current?.click()}
              data-testid="campaign-upload"
            >
              {t('campaigns.upload')}
            </Button>
          </Group>
        )}
      </Group>
      {upload.isError && (
        <Alert color="red" p="xs" data-testid="campaign-upload-error">
          {errorMessage(upload.error)}
        </Alert>
      )}
      {campaigns.isError && (
        <Alert color="red">{t('errors.loadFailed', { message: errorMessage(campaigns.error) })}</Alert>
      )}
      <Table striped highlightOnHover fz="sm" data-testid="campaign-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.name')}</Table.Th>
            <Table.Th>{t('campaigns.status')}</Table.Th>
            <Table.Th w={200}>{t('campaigns.progress')}</Table.Th>
            <Table.Th>{t('campaigns.file')}</Table.Th>
            <Table.Th>{t('campaigns.created')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {campaigns.data?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text size="sm" c="dimmed">
                  {t('campaigns.none')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {campaigns.data?.map((campaign) => (
            <Table.Tr
              key={campaign.id}
              onClick={() => select(campaign.id)}
              style={{ cursor: 'pointer' }}
              bg={campaign.id === selected ? 'var(--mantine-color-blue-0)' : undefined}
              data-testid={`campaign-row-${campaign.id}`}
            >
              <Table.Td>{campaign.name}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={statusColor[campaign.status]}>
                  {t(`campaigns.statuses.${campaign.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Progress value={campaign.progress.percent} size="sm" />
              </Table.Td>
              <Table.Td>{campaign.originalName}</Table.Td>
              <Table.Td>{new Date(campaign.createdAt).toLocaleString(i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {selected && <CampaignDetail key={selected} id={selected} canRun={canRun} onDeleted={() => select(null)} />}
    </Stack>
  );
}
