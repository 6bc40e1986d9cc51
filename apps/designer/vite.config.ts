import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

// The runtime the dev server proxies /api to; IVR_API_TARGET points it elsewhere (another port, a remote box).
const apiTarget = process.env.IVR_API_TARGET ?? 'http://127.0.0.1:3000';

// Workspace packages publish their TypeScript sources under the "source" condition, so the designer
// bundles @ivr/scenario-schema and @ivr/components from src/ without building them first.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: true, ws: true } },
  },
  preview: {
    proxy: { '/api': { target: apiTarget, changeOrigin: true, ws: true } },
  },
  build: {
    outDir: 'dist',
    // The editor is one large screen (React Flow, Mantine, the catalog); a warning at 500 kB says nothing useful.
    chunkSizeWarningLimit: 2000,
  },
});
