import { loadConfig } from '@app/config';
import { SchedulerEnv } from './scheduler.config';

const valid = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/larksync',
  LARKSYNC_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
  LARKSYNC_ADMIN_TOKEN: 'a-long-enough-admin-token',
};

describe('SchedulerEnv', () => {
  it('should accept a valid environment', () => {
    expect(() => loadConfig(SchedulerEnv, valid)).not.toThrow();
  });

  it('should default to a 5 s tick and a 60 s claim timeout, and read overrides as numbers', () => {
    expect(loadConfig(SchedulerEnv, valid)).toMatchObject({
      SCHEDULER_TICK_MS: 5000,
      SCHEDULER_CLAIM_TIMEOUT_MS: 60_000,
    });
    expect(loadConfig(SchedulerEnv, { ...valid, SCHEDULER_TICK_MS: '250' }).SCHEDULER_TICK_MS).toBe(250);
  });

  it.each([
    ['KAFKA_BROKERS', 'not-a-broker'],
    ['DATABASE_URL', 'mysql://nope'],
    ['PORT', '0'],
    ['SCHEDULER_TICK_MS', 'often'],
    ['SCHEDULER_TICK_MS', '10'],
    ['SCHEDULER_TICK_MS', '3600000'],
    ['SCHEDULER_CLAIM_TIMEOUT_MS', '-5'],
  ])('should refuse a malformed %s and name it', (variable, value) => {
    expect(() => loadConfig(SchedulerEnv, { ...valid, [variable]: value })).toThrow(
      new RegExp(`- ${variable}:`),
    );
  });
});
