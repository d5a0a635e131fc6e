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

describe('IngressGatewayEnv master keys', () => {
  const current = Buffer.alloc(32, 1).toString('base64');
  const previous = Buffer.alloc(32, 2).toString('base64');
  const { LARKSYNC_MASTER_KEY: _single, ...withoutKey } = valid;

  it('takes LARKSYNC_MASTER_KEYS instead of the single key, and hands either to SecretBox as masterKeys', () => {
    const keys = `2026-12:${current},2026-06:${previous}`;
    expect(loadConfig(IngressGatewayEnv, { ...withoutKey, LARKSYNC_MASTER_KEYS: keys }).masterKeys).toBe(
      keys,
    );
    expect(loadConfig(IngressGatewayEnv, valid).masterKeys).toBe(valid.LARKSYNC_MASTER_KEY);
  });

  it('refuses both at once, and neither', () => {
    expect(() => loadConfig(IngressGatewayEnv, { ...valid, LARKSYNC_MASTER_KEYS: current })).toThrow(
      /- LARKSYNC_MASTER_KEYS: set it or LARKSYNC_MASTER_KEY, not both/,
    );
    expect(() => loadConfig(IngressGatewayEnv, withoutKey)).toThrow(
      /- LARKSYNC_MASTER_KEY: is required \(32 random bytes, base64\), unless LARKSYNC_MASTER_KEYS is set/,
    );
  });

  it('names what is wrong with a key list without repeating any key', () => {
    const short = Buffer.alloc(16, 3).toString('base64');
    const error = (() => {
      try {
        loadConfig(IngressGatewayEnv, { ...withoutKey, LARKSYNC_MASTER_KEYS: `a:${current},b:${short}` });
      } catch (caught) {
        return (caught as Error).message;
      }
    })();
    expect(error).toMatch(/- LARKSYNC_MASTER_KEYS: .*entry 2 of LARKSYNC_MASTER_KEYS\) must be 32 bytes/);
    expect(error).not.toContain(current);
    expect(error).not.toContain(short);
  });
});
