import { loadConfig } from '@app/config';
import { IngressGatewayEnv, ssoRedirectOrigins } from '../config/ingress-gateway.config';

const valid = { LARKSYNC_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') };

describe('IngressGatewayEnv SSO settings', () => {
  it('should default PUBLIC_BASE_URL to the local gateway and allow no other redirect origin', () => {
    const config = loadConfig(IngressGatewayEnv, valid);
    expect(config.PUBLIC_BASE_URL).toBe('http://127.0.0.1:8080');
    expect(ssoRedirectOrigins(config)).toEqual([]);
  });

  it('should read a list of redirect origins', () => {
    const config = loadConfig(IngressGatewayEnv, {
      ...valid,
      SSO_REDIRECT_ORIGINS: 'https://sase.example.com, http://localhost:3000',
    });
    expect(ssoRedirectOrigins(config)).toEqual(['https://sase.example.com', 'http://localhost:3000']);
  });

  it.each([
    ['PUBLIC_BASE_URL', 'gateway.example.com'],
    ['PUBLIC_BASE_URL', 'ftp://gateway.example.com'],
    ['SSO_REDIRECT_ORIGINS', 'https://sase.example.com/path'],
    ['SSO_REDIRECT_ORIGINS', 'sase.example.com'],
  ])('should refuse %s=%s and name it', (variable, value) => {
    expect(() => loadConfig(IngressGatewayEnv, { ...valid, [variable]: value })).toThrow(
      new RegExp(`- ${variable}:`),
    );
  });
});
