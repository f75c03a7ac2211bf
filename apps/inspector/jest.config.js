/** Unit specs next to the sources, end-to-end suites in test/. */
module.exports = {
  ...require('../../jest.preset'),
  displayName: 'inspector',
  rootDir: __dirname,
};
