export {};

/**
 * Jest setup for integration and end-to-end tests: they need a real Kafka and PostgreSQL,
 * which `deploy/local/src/with-infra` starts and passes in through the environment.
 */
const missing = ['KAFKA_BROKERS', 'DATABASE_URL'].filter((name) => !process.env[name]);

if (missing.length > 0) {
  throw new Error(
    `${missing.join(' and ')} not set: run integration tests through \`npm test\`, which starts Kafka and PostgreSQL ` +
      '(or `npm run build && node dist/deploy/local/src/with-infra.js -- npx jest <path>`), or set both variables yourself.',
  );
}
