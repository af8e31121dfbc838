import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

// `npm run dev -w @stepwise/chat` proxies the API to a running server (STEPWISE_API, default :3000).
export default defineConfig(({ mode }) => {
  const api = loadEnv(mode, process.cwd(), 'STEPWISE_').STEPWISE_API ?? 'http://127.0.0.1:3000';
  return {
    plugins: [react()],
    build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
    server: {
      proxy: {
        '/trpc': api,
        '/api': api,
        '/socket.io': { target: api, ws: true },
      },
    },
    test: {
      environment: 'jsdom',
      setupFiles: ['./src/test/setup.ts'],
      css: false,
      include: ['src/**/*.test.{ts,tsx}'],
      // Typing into forms with user-event takes seconds on a busy 2-core machine; 5 s is too tight.
      testTimeout: 20_000,
    },
  };
});
