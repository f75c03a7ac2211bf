/**
 * `node --import ./tools/mesh/local-defaults.preload.mjs dist/apps/<app>/main.js`: what the
 * `serve` targets run, so `npx nx serve <app>` gets the same local defaults as `npm start`
 * (local-defaults.mjs decides them; variables the user set win). It runs before the app's first
 * line, so the app reads its environment as if it had been started with them.
 */
import { localDefaults } from './local-defaults.mjs';

Object.assign(process.env, localDefaults(process.env));
