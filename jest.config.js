/**
 * One jest run covers every tier, told apart by file name:
 *   *.test.ts      unit tests (no I/O)
 *   *.int.test.ts  integration tests against a real database: SQLite, or MariaDB/MySQL when DB_URL is set
 *   tests/**       end-to-end tests through the gateway
 * Workspace packages map to their sources so that tests never run stale builds.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/shared', '<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/tests', '<rootDir>/scripts'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.check.json' }],
    // GraphQL Code Generator's plugins (scripts/src/clients.test.ts) require one ESM-only helper.
    '/auto-bind/index\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' } }],
  },
  transformIgnorePatterns: ['^(?!.*/\\.pnpm/auto-bind@).*/node_modules/'],
  moduleNameMapper: {
    '^@credit/shared/test$': '<rootDir>/shared/test',
    '^@credit/shared$': '<rootDir>/shared/src',
    '^@credit/entities$': '<rootDir>/subgraphs/entities/src',
    '^@credit/records$': '<rootDir>/subgraphs/records/src',
    '^@credit/reports$': '<rootDir>/subgraphs/reports/src',
    '^@credit/objections$': '<rootDir>/subgraphs/objections/src',
    '^@credit/gateway$': '<rootDir>/gateway/src',
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 60_000,
  // CI lists every test, so skipped ones show by name.
  verbose: process.env.CI === 'true',
};
