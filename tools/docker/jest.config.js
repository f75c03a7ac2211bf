/**
 * The container setup's specs: the Dockerfile and docker-compose.yml read and checked
 * (test/*.spec.ts), and each image's start command run against the built apps (test/*.e2e-spec.ts).
 */
module.exports = {
  ...require('../../jest.preset'),
  displayName: 'docker',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
};
