import { Alert, Button, Code, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/** A page that failed to render says so and offers a reload, instead of a blank screen. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Stack p="md" maw={720} data-testid="route-error">
      <Alert color="red" title={t('errors.pageFailed')}>
        <Code block>{message}</Code>
      </Alert>
      <Button w="fit-content" onClick={() => window.location.reload()}>
        {t('errors.reload')}
      </Button>
    </Stack>
  );
}
