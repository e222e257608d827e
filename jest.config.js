/**
 * Tests run from TypeScript sources through swc (no type-check here: `npm test` runs `tsc --noEmit` first).
 * Some dependencies are ESM-only (jose; otplib's @otplib, @noble and @scure plugins), so they are transformed to
 * CommonJS like our own sources.
 */
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/server', '<rootDir>/resources', '<rootDir>/profiles', '<rootDir>/smart', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(jose|otplib|@otplib|@noble|@scure)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testTimeout: 30_000,
  // Two cores: one worker per core keeps integration tests (each starts real servers) from starving each other.
  maxWorkers: 2,
  // Each integration suite loads the R4 definitions and opens LMDB maps in its worker; over ~130 suites a worker
  // grows to several GB and then cannot exit in jest's grace period. Recycle a worker once it passes this.
  workerIdleMemoryLimit: '1536MB',
};
