/**
 * One jest run covers every tier, told apart by file name:
 *   *.test.ts      unit tests (no I/O)
 *   *.int.test.ts  integration tests against a real database: SQLite, or MariaDB/MySQL when DB_URL is set
 *   tests/**       end-to-end tests through the gateway
 * Workspace packages map to their sources so that tests never run stale builds.
 */
const ESM_ONLY = [
  '@digitalbazaar/vc',
  '@digitalbazaar/vc-bitstring-status-list',
  '@digitalbazaar/vc-bitstring-status-list-context',
  '@digitalbazaar/bitstring',
  '@digitalbazaar/data-integrity',
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite',
  '@digitalbazaar/ed25519-multikey',
  '@digitalbazaar/multikey-context',
  'base58-universal',
  'base64url-universal',
];
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
    // The Verifiable Credential libraries (reports' credential/) are ESM-only; Node >= 20.19 requires
    // them natively at run time, jest's module system cannot, so jest compiles them to CommonJS.
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs' }, isolatedModules: true },
    ],
  },
  transformIgnorePatterns: [
    `^(?!.*/\\.pnpm/(auto-bind@|${ESM_ONLY.map((p) => `${p.replace('/', '\\+')}@`).join('|')})).*/node_modules/`,
  ],
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
  // Each file loads the services afresh and some module-level registries (type-graphql's metadata, TypeORM's)
  // keep what every file loaded: one process running all ~150 files in band grew past Node's 4 GB heap. A
  // worker is replaced once a file leaves it above this, and the limit makes jest use a worker even on 2 cores.
  workerIdleMemoryLimit: '1536MB',
  // CI lists every test, so skipped ones show by name.
  verbose: process.env.CI === 'true',
};
