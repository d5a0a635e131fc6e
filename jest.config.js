/** Unit tests (`*.spec.ts`) need no I/O; integration (`*.int-spec.ts`) and end-to-end (`*.e2e-spec.ts`)
 * tests expect KAFKA_BROKERS and DATABASE_URL, which `deploy/local/with-infra` provides. */
const transform = { '^.+\\.ts$': ['@swc/jest'] };
const common = {
  transform,
  testEnvironment: 'node',
  rootDir: __dirname,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

module.exports = {
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test,deploy}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test,deploy}/**/*.{int,e2e}-spec.ts'],
      setupFiles: ['<rootDir>/libs/testing/src/require-infra.ts'],
    },
  ],
};
