/** The front-end server's specs and the browser end-to-end suite (components run in Vitest). */
module.exports = {
  ...require('../../jest.preset'),
  displayName: 'frontend',
  rootDir: __dirname,
  testMatch: ['<rootDir>/server/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
};
