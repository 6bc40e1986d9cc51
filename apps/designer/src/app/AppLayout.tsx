import { AppShell, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { GitBranch, LogOut, Megaphone, ParkingSquare, PhoneCall, Plug, Route as RouteIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher';
import { ApiStatusBanner } from './ApiStatusBanner';

const NAV = [
  { to: '/scenarios', key: 'nav.scenarios', icon: GitBranch, testId: 'nav-scenarios' },
  { to: '/routes', key: 'nav.routes', icon: RouteIcon, testId: 'nav-routes' },
  { to: '/parking', key: 'nav.parking', icon: ParkingSquare, testId: 'nav-parking' },
  { to: '/connections', key: 'nav.connections', icon: Plug, testId: 'nav-connections' },
  { to: '/campaigns', key: 'nav.campaigns', icon: Megaphone, testId: 'nav-campaigns' },
  { to: '/calls', key: 'nav.calls', icon: PhoneCall, testId: 'nav-calls' },
] as const;

export function AppLayout() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const location = useLocation();
  // The editor needs the whole width: the nav folds into the header there.
  const inEditor = /^\/scenarios\/[^/]+/.test(location.pathname);
  return (
    <AppShell header={{ height: 48 }} navbar={{ width: 200, breakpoint: 0, collapsed: { desktop: inEditor } }}>
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between">
          <Group gap="xs">
            <Title order={4}>{t('app.title')}</Title>
            {inEditor &&
              NAV.map((item) => (
                <Button
                  key={item.to}
                  component={RouterNavLink}
                  to={item.to}
                  variant="subtle"
                  size="compact-sm"
                  data-testid={item.testId}
                >
                  {t(item.key)}
                </Button>
              ))}
          </Group>
          <Group gap="sm">
            <LanguageSwitcher />
            <Text size="sm" c="dimmed" data-testid="current-user">
              {user?.username} ({user?.role})
            </Text>
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<LogOut size={14} />}
              onClick={signOut}
              data-testid="sign-out"
            >
              {t('app.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {NAV.map((item) => (
          <NavLink
            key={item.to}
            component={RouterNavLink}
            to={item.to}
            label={t(item.key)}
            leftSection={<item.icon size={16} />}
            active={location.pathname.startsWith(item.to)}
            // In the editor the collapsed sidebar is off screen: the header's buttons carry the ids then.
            data-testid={inEditor ? undefined : item.testId}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main h="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
        <ApiStatusBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
