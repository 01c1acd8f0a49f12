import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { bundleBudget } from './build/bundle-budget';

// The first page load of the console stays under this (gzip); lazy pages and the editor load on demand.
const INITIAL_JS_BUDGET_BYTES = 500 * 1024;

// The server (default port 8848) serves the built console; in `vite dev` we proxy to it.
const serverUrl = process.env.SWITCHBOARD_SERVER_URL ?? 'http://127.0.0.1:8848';

export default defineConfig(({ command }) => ({
  plugins: [react(), bundleBudget(INITIAL_JS_BUDGET_BYTES)],
  // Vite honours an inherited NODE_ENV (a test runner's `test`, say) and would ship React's
  // development build; the console build is always a production build.
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  // libs/shared is consumed from source through this export condition.
  resolve: { conditions: ['@switchboard/source', ...defaultClientConditions] },
  server: {
    proxy: {
      '/api': serverUrl,
      '/health': serverUrl,
      '/socket.io': { target: serverUrl, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // React and the socket client change rarely: their own long-cached chunks. antd is left to
        // the default splitting so what only a lazy page (routes.tsx) needs stays in that page's chunk.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
            },
            {
              name: 'socket',
              test: /node_modules[\\/](socket\.io-client|engine\.io-client|engine\.io-parser|socket\.io-parser|@socket\.io|debug|ms)[\\/]/,
            },
          ],
        },
      },
    },
  },
}));
