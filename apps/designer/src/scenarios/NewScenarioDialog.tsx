import { useState } from 'react';
import { Button, Group, Modal, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SCENARIO_KINDS, type ScenarioKind } from '@ivr/scenario-schema';
import { errorMessage } from '../api/apiClient';
import { scenarioApi, scenarioKeys } from '../api/scenarioApi';
import { newScenarioDocument, SCENARIO_ID, slugify } from './newScenario';

export function NewScenarioDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  const [kind, setKind] = useState<ScenarioKind>('ivr');
  const effectiveId = idTouched ? id : slugify(name);
  const create = useMutation({
    mutationFn: () => scenarioApi.create(newScenarioDocument(effectiveId, name.trim(), kind)),
    onSuccess: (summary) => {
      notifications.show({ message: t('scenarios.created'), color: 'green' });
      void queryClient.invalidateQueries({ queryKey: scenarioKeys.all });
      onClose();
      navigate(`/scenarios/${encodeURIComponent(summary.id ?? effectiveId)}`);
    },
    onError: (error) => notifications.show({ message: errorMessage(error), color: 'red' }),
  });
  const valid = name.trim() !== '' && SCENARIO_ID.test(effectiveId);
  return (
    <Modal opened={opened} onClose={onClose} title={t('scenarios.newScenario')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) create.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('common.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            data-testid="new-scenario-name"
          />
          <TextInput
            label={t('scenarios.id')}
            description={t('scenarios.idHelp')}
            value={effectiveId}
            onChange={(e) => {
              setIdTouched(true);
              setId(e.currentTarget.value);
            }}
            error={effectiveId && !SCENARIO_ID.test(effectiveId) ? t('scenarios.idHelp') : undefined}
            data-testid="new-scenario-id"
          />
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as ScenarioKind)}
            data={SCENARIO_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            data-testid="new-scenario-kind"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" disabled={!valid} loading={create.isPending} data-testid="new-scenario-create">
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
