module.exports = {
  ...require('../../jest.preset'),
  displayName: 'telemetry-wire',
  rootDir: __dirname,
};
