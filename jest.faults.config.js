/** `npm run test:faults`: the fault suite (test/faults/*.fault-spec.ts) against the built apps in dist/ (build first). */
const transform = { '^.+\\.ts$': ['@swc/jest'], '/node_modules/jose/.+\\.js$': ['@swc/jest'] };

module.exports = {
  displayName: 'faults',
  rootDir: __dirname,
  transform,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  testTimeout: 600_000,
};
