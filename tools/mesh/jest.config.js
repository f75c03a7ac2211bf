/**
 * `npm start` itself, as a user runs it: through a pseudo-terminal (`script`), with signals sent
 * to npm, to the runner and to the process group, and the page opened in Chromium from each
 * origin. Needs every app built (`npm run build`).
 */
module.exports = {
  ...require('../../jest.preset'),
  displayName: 'mesh',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
};
