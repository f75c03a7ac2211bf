/** Every project's specs in one run (`npm test`); `nx test <project>` runs one project's. */
module.exports = {
  projects: ['<rootDir>/apps/*/jest.config.js', '<rootDir>/libs/*/jest.config.js'],
};
