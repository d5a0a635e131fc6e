/** Unit tests (`*.spec.ts`) need no I/O; integration (`*.int-spec.ts`) and end-to-end (`*.e2e-spec.ts`)
 * tests expect KAFKA_BROKERS and DATABASE_URL, which `deploy/local/with-infra` provides. */
// jose ships ES modules only; SWC turns them into CommonJS for Jest (Node runs them unchanged).
const transform = { '^.+\\.ts$': ['@swc/jest'], '/node_modules/jose/.+\\.js$': ['@swc/jest'] };
const common = {
  transform,
  testEnvironment: 'node',
  rootDir: __dirname,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
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
