import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../auth/LoginPage';
import { RequireAuth } from '../auth/RequireAuth';
import { ScenarioListPage } from '../scenarios/ScenarioListPage';
import { RoutesPage } from '../admin/routes/RoutesPage';
import { ParkingPage } from '../admin/parking/ParkingPage';
import { ConnectionsPage } from '../admin/connections/ConnectionsPage';
import { CampaignsPage } from '../admin/campaigns/CampaignsPage';
import { CallsPage } from '../admin/calls/CallsPage';
import { AppLayout } from './AppLayout';
import { RouteErrorPage } from './RouteErrorPage';

export function createAppRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    {
      element: (
        <RequireAuth>
          <AppLayout />
        </RequireAuth>
      ),
      errorElement: <RouteErrorPage />,
      children: [
        { index: true, element: <Navigate to="/scenarios" replace /> },
        { path: '/scenarios', element: <ScenarioListPage /> },
        // The editor (React Flow, the catalog, the validator) loads when first opened.
        {
          path: '/scenarios/:id',
          lazy: async () => ({ Component: (await import('../editor/EditorPage')).EditorPage }),
        },
        { path: '/routes', element: <RoutesPage /> },
        { path: '/parking', element: <ParkingPage /> },
        { path: '/connections', element: <ConnectionsPage /> },
        { path: '/campaigns', element: <CampaignsPage /> },
        { path: '/calls', element: <CallsPage /> },
        { path: '*', element: <Navigate to="/scenarios" replace /> },
      ],
    },
  ]);
}
