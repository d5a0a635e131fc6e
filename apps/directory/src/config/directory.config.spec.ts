import { loadConfig } from '@app/config';
import { DirectoryEnv } from './directory.config';

const valid = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/larksync',
  LARKSYNC_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
  LARKSYNC_ADMIN_TOKEN: 'a-long-enough-admin-token',
};

describe('DirectoryEnv', () => {
  it('should accept a valid environment', () => {
    expect(() => loadConfig(DirectoryEnv, valid)).not.toThrow();
  });

  it('should keep audit records 400 days unless told otherwise', () => {
    expect(loadConfig(DirectoryEnv, valid).AUDIT_RETENTION_DAYS).toBe(400);
    expect(loadConfig(DirectoryEnv, { ...valid, AUDIT_RETENTION_DAYS: '30' }).AUDIT_RETENTION_DAYS).toBe(30);
  });

  it.each([
    ['KAFKA_BROKERS', 'not-a-broker'],
    ['DATABASE_URL', 'mysql://nope'],
    ['PORT', '0'],
    ['AUDIT_RETENTION_DAYS', '0'],
    ['AUDIT_RETENTION_DAYS', 'a year'],
  ])('should refuse a malformed %s and name it', (variable, value) => {
    expect(() => loadConfig(DirectoryEnv, { ...valid, [variable]: value })).toThrow(
      new RegExp(`- ${variable}:`),
    );
  });
});

describe('DirectoryEnv secrets', () => {
  it.each([
    ['LARKSYNC_MASTER_KEY', undefined],
    ['LARKSYNC_MASTER_KEY', 'c2hvcnQ='],
    ['LARKSYNC_ADMIN_TOKEN', undefined],
    ['LARKSYNC_ADMIN_TOKEN', 'short'],
    ['LARK_BASE_URL', 'not a url'],
  ])('should refuse %s = %p and name it', (variable, value) => {
    expect(() => loadConfig(DirectoryEnv, { ...valid, [variable]: value })).toThrow(
      new RegExp(`- ${variable}:`),
    );
  });
});
