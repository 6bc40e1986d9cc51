import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { AuthProvider } from '../auth/AuthContext';
import { createQueryClient } from './queryClient';
import { createAppRouter } from './router';
import { theme } from './theme';

export function App() {
  const [queryClient] = useState(createQueryClient);
  // A data router: the editor needs useBlocker to keep unsaved edits from being navigated away.
  const [router] = useState(createAppRouter);
  return (
    <MantineProvider theme={theme}>
      {/* Bottom right: at the top they would cover the editor's save and publish buttons. */}
      {/* Top centre: the editor's save, publish and version buttons are on the right and the canvas controls bottom-left. */}
      <Notifications position="top-center" autoClose={3000} />
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
