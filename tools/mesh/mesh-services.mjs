/**
 * The services `npm start` runs, in start order, with the built entry point of each. Downstream
 * services start before the gateway so its first requests find them.
 */
export const MESH_SERVICES = [
  { name: 'home-activities', entry: 'dist/apps/home-activities/main.js', color: 35 },
  { name: 'notifications', entry: 'dist/apps/notifications/main.js', color: 36 },
  { name: 'gateway', entry: 'dist/apps/gateway/main.js', color: 33 },
  // The built React front end on FRONTEND_PORT (3000), pointed at the gateway by GATEWAY_URL.
  { name: 'frontend', entry: 'dist/apps/frontend/server/main.js', color: 32 },
];
