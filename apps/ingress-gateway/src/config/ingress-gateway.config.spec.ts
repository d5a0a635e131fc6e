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

  it('should default sessions to one hour for sase-client, with keys rotated every 30 days', () => {
    expect(loadConfig(IngressGatewayEnv, valid)).toMatchObject({
      SSO_SESSION_TTL_S: 3600,
      SSO_SESSION_AUDIENCE: 'sase-client',
      SSO_SIGNING_KEY_ROTATION_DAYS: 30,
    });
    expect(loadConfig(IngressGatewayEnv, { ...valid, SSO_SESSION_TTL_S: '900' }).SSO_SESSION_TTL_S).toBe(900);
  });

  it.each([
    ['KAFKA_BROKERS', 'not-a-broker'],
    ['DATABASE_URL', 'mysql://nope'],
    ['PORT', '0'],
    ['SSO_SESSION_TTL_S', '59'],
    ['SSO_SESSION_TTL_S', 'an hour'],
    ['SSO_SESSION_AUDIENCE', 'two words'],
    ['SSO_SIGNING_KEY_ROTATION_DAYS', '0'],
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
