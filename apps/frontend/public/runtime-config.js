// The front end's run-time settings (see src/config/runtime-config.ts). The front-end server
// answers /runtime-config.js from its environment instead; a plain static host serves this file,
// which may be edited after the build. Nothing secret belongs here: every visitor can read it.
/* global window */
window.CRUDDUR_CONFIG = {
  gatewayUrl: 'http://localhost:4567',
  serviceName: 'cruddur-frontend',
  userHandle: 'andrewbrown',
};
