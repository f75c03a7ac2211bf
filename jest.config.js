/**
 * Every project's specs in one run (`npm test`); `nx test <project>` runs one project's. The front
 * end's component tests run in Vitest (`npm run test:frontend`, also part of `npm test`).
 */
module.exports = {
  projects: [
    '<rootDir>/apps/*/jest.config.js',
    '<rootDir>/libs/*/jest.config.js',
    '<rootDir>/tools/docker/jest.config.js',
    '<rootDir>/tools/mesh/jest.config.js',
  ],
};
