/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

/**
 * The inspector UI's unit tests: the pure parts of its ES modules (formatting, routing, waterfall
 * model, heatmap scale, map layout, Rollbar items) and components rendered in jsdom. The UI has
 * no build step; these import the very files the inspector serves.
 */
export default defineConfig({
  root: import.meta.dirname,
  test: {
    environment: 'jsdom',
    include: ['src/ui/test/**/*.test.js'],
    restoreMocks: true,
  },
});
