import { loadConfig } from '@app/config';
import { IngressGatewayEnv } from './ingress-gateway.config';

const valid = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/larksync',
  LARKSYNC_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
  LARKSYNC_ADMIN_TOKEN: 'a-long-enough-admin-token',
};

describe('IngressGatewayEnv', () => {
  it('should accept a valid environment', () => {
    expect(() => loadConfig(IngressGatewayEnv, valid)).not.toThrow();
  });

  it.each([
    ['KAFKA_BROKERS', 'not-a-broker'],
    ['DATABASE_URL', 'mysql://nope'],
    ['PORT', '0'],
  ])('should refuse a malformed %s and name it', (variable, value) => {
    expect(() => loadConfig(IngressGatewayEnv, { ...valid, [variable]: value })).toThrow(
      new RegExp(`- ${variable}:`),
    );
  });
});

describe('IngressGatewayEnv secrets', () => {
  it.each([undefined, 'c2hvcnQ='])('should refuse LARKSYNC_MASTER_KEY %p', (key) => {
    expect(() => loadConfig(IngressGatewayEnv, { ...valid, LARKSYNC_MASTER_KEY: key })).toThrow(
      /- LARKSYNC_MASTER_KEY:/,
    );
  });
});
