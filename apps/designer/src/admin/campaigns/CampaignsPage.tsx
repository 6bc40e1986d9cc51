import { Alert, Stack, Title } from '@mantine/core';
import { Megaphone } from 'lucide-react';
import { useTranslation } from 'react-i18next';

/** Campaigns (upload, column mapping, schedule, progress) come with their own issue. */
export function CampaignsPage() {
  const { t } = useTranslation();
  return (
    <Stack p="md">
      <Title order={4}>{t('nav.campaigns')}</Title>
      <Alert icon={<Megaphone size={16} />} color="gray" data-testid="campaigns-placeholder">
        {t('admin.campaignsPlaceholder')}
      </Alert>
    </Stack>
  );
}
