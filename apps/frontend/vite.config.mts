/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The front end's build (`nx build frontend` → dist/apps/frontend/public, served by the front-end
 * server in dist/apps/frontend/server), its dev server, and its component tests (Vitest + jsdom).
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: '../../dist/apps/frontend/public',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: { port: 3000, strictPort: true },
  preview: { port: 3000, strictPort: true },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
