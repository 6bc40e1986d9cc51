import { Alert, Button, Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ServerCrash } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ApiUnreachableError, api } from '../api/apiClient';
import type { User } from '../api/types';

/** Polls /auth/me so that a runtime that went away is said plainly, instead of every page failing its own way. */
export function ApiStatusBanner() {
  const { t } = useTranslation();
  const me = useQuery({
    queryKey: ['auth', 'me'],
    queryFn: ({ signal }) => api.get<User>('/auth/me', signal),
    refetchInterval: (query) => (query.state.error instanceof ApiUnreachableError ? 5_000 : 30_000),
    retry: false,
  });
  if (!(me.error instanceof ApiUnreachableError)) return null;
  return (
    <Alert color="red" icon={<ServerCrash size={18} />} m="xs" data-testid="api-unreachable">
      <Group justify="space-between">
        {t('errors.unreachable')}
        <Button size="compact-sm" variant="light" color="red" onClick={() => void me.refetch()}>
          {t('errors.retry')}
        </Button>
      </Group>
    </Alert>
  );
}
