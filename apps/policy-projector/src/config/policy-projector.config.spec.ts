import { loadConfig } from '@app/config';
import { PolicyProjectorEnv } from './policy-projector.config';

const valid = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/larksync',
  LARKSYNC_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
  LARKSYNC_ADMIN_TOKEN: 'a-long-enough-admin-token',
};

describe('PolicyProjectorEnv', () => {
  it('should accept a valid environment', () => {
    expect(() => loadConfig(PolicyProjectorEnv, valid)).not.toThrow();
  });

  it.each([
    ['KAFKA_BROKERS', 'not-a-broker'],
    ['DATABASE_URL', 'mysql://nope'],
    ['PORT', '0'],
  ])('should refuse a malformed %s and name it', (variable, value) => {
    expect(() => loadConfig(PolicyProjectorEnv, { ...valid, [variable]: value })).toThrow(
      new RegExp(`- ${variable}:`),
    );
  });
});
