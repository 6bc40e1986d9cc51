import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ApiError, ApiUnreachableError, apiRequest } from '../api/apiClient';
import type { LoginResponse } from '../api/types';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher';
import { useAuth } from './AuthContext';

export function LoginPage() {
  const { t } = useTranslation();
  const { user, signIn } = useAuth();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/scenarios';
  if (user) return <Navigate to={from} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await apiRequest<LoginResponse>('/auth/login', {
        method: 'POST',
        body: { username, password },
        skipAuthRedirect: true,
      });
      signIn(response.token, response.user);
    } catch (caught) {
      if (caught instanceof ApiUnreachableError) setError(t('errors.unreachable'));
      else if (caught instanceof ApiError && caught.status === 401) setError(t('login.invalid'));
      else setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center h="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={360}>
        <form onSubmit={submit}>
          <Stack>
            <Title order={3}>{t('app.title')}</Title>
            <TextInput
              label={t('login.username')}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              autoComplete="username"
              required
              data-testid="login-username"
            />
            <PasswordInput
              label={t('login.password')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="current-password"
              required
              data-testid="login-password"
            />
            {error && (
              <Alert color="red" data-testid="login-error">
                {error}
              </Alert>
            )}
            <Button type="submit" loading={busy} data-testid="login-submit">
              {t('login.submit')}
            </Button>
            <LanguageSwitcher />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
