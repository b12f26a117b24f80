/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The chaos test and the long failover runs run on their own (npm run test:chaos, jest.chaos.config.js): see docs/testing.md.
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/chaos\\.test\\.ts$', '/test/e2e/sentinel-failover-long\\.test\\.ts$'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
