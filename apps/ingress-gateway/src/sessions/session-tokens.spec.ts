import { createLocalJWKSet, CryptoKey, exportJWK, generateKeyPair, JWK, jwtVerify, SignJWT } from 'jose';
import { SessionKeysUnavailable, SessionTokens, SessionTokensOptions } from './session-tokens';
import { SigningKey, SigningKeysService } from './signing-keys.service';

const OPTIONS: SessionTokensOptions = {
  issuer: 'https://gateway.example.com',
  audience: 'sase-client',
  lifetimeS: 3600,
};
const SUBJECT = {
  openId: 'ou_0123456789abcdef',
  idpId: '4f6d2b1e-8c3a-4e5f-9a7b-1c2d3e4f5a6b',
  name: 'Li Lei',
};

interface KeyPair {
  signing: SigningKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

async function aKeyPair(kid: string): Promise<KeyPair> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return { signing: { kid, privateKey }, publicKey, publicJwk: await exportJWK(publicKey) };
}

function keysOf(...pairs: KeyPair[]): SigningKeysService {
  const byKid = new Map(pairs.map((pair) => [pair.signing.kid, pair.publicKey]));
  return {
    signingKey: () => pairs[0]?.signing,
    verificationKey: (kid: string) => byKid.get(kid),
    jwks: () => ({ keys: pairs.map((pair) => ({ ...pair.publicJwk, kid: pair.signing.kid, alg: 'EdDSA' })) }),
  } as unknown as SigningKeysService;
}

function decodePart(token: string, index: number): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[index], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

describe('SessionTokens', () => {
  it('should issue an EdDSA JWT naming its key, for the configured issuer, audience and lifetime', async () => {
    const pair = await aKeyPair('key-1');
    const { session, expiresAt, claims } = await new SessionTokens(keysOf(pair), OPTIONS).issue(SUBJECT);
    expect(decodePart(session, 0)).toEqual({ alg: 'EdDSA', kid: 'key-1', typ: 'JWT' });
    expect(decodePart(session, 1)).toEqual({
      iss: OPTIONS.issuer,
      aud: OPTIONS.audience,
      sub: SUBJECT.openId,
      idp: SUBJECT.idpId,
      name: SUBJECT.name,
      iat: claims.iat,
      exp: claims.iat + 3600,
      jti: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
    });
    expect(Date.parse(expiresAt)).toBe(claims.exp * 1000);
  });

  it('should give a session that a relying party verifies with the published JWKS alone', async () => {
    const keys = keysOf(await aKeyPair('key-1'));
    const { session } = await new SessionTokens(keys, OPTIONS).issue(SUBJECT);
    const { payload } = await jwtVerify(session, createLocalJWKSet(keys.jwks()), {
      issuer: OPTIONS.issuer,
      audience: OPTIONS.audience,
    });
    expect(payload).toMatchObject({ sub: SUBJECT.openId, idp: SUBJECT.idpId });
  });

  it('should verify its own sessions, including those of a key that no longer signs', async () => {
    const [older, newer] = [await aKeyPair('old'), await aKeyPair('new')];
    const { session } = await new SessionTokens(keysOf(older), OPTIONS).issue(SUBJECT);
    const claims = await new SessionTokens(keysOf(newer, older), OPTIONS).verify(session);
    expect(claims?.sub).toBe(SUBJECT.openId);
  });

  it('should refuse to issue before any signing key could be loaded', async () => {
    await expect(new SessionTokens(keysOf(), OPTIONS).issue(SUBJECT)).rejects.toBeInstanceOf(
      SessionKeysUnavailable,
    );
  });

  describe('should not accept', () => {
    let pair: KeyPair;
    let tokens: SessionTokens;
    let session: string;
    const signed = (claims: Record<string, unknown>, key = pair.signing) =>
      new SignJWT({ ...claims }).setProtectedHeader({ alg: 'EdDSA', kid: key.kid }).sign(key.privateKey);
    const valid = () => ({
      iss: OPTIONS.issuer,
      aud: OPTIONS.audience,
      sub: SUBJECT.openId,
      idp: SUBJECT.idpId,
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 60,
      jti: 'abc',
    });

    beforeAll(async () => {
      pair = await aKeyPair('key-1');
      tokens = new SessionTokens(keysOf(pair), OPTIONS);
      session = (await tokens.issue(SUBJECT)).session;
    });

    it('a session whose claims were altered', async () => {
      const [header, , signature] = session.split('.');
      const forged = Buffer.from(
        JSON.stringify({ ...decodePart(session, 1), sub: 'ou_someone_else' }),
      ).toString('base64url');
      expect(await tokens.verify(`${header}.${forged}.${signature}`)).toBeUndefined();
    });

    it('a well-formed session signed by a key that is not ours', async () => {
      const stranger = await aKeyPair('key-1');
      expect(await tokens.verify(await signed(valid(), stranger.signing))).toBeUndefined();
    });

    it.each([
      ['expired', { exp: Math.floor(Date.now() / 1000) - 1 }],
      ['for another audience', { aud: 'someone-else' }],
      ['from another issuer', { iss: 'https://evil.example.com' }],
      ['without the IdP', { idp: undefined }],
    ])('a session %s', async (_case, override) => {
      expect(await tokens.verify(await signed({ ...valid(), ...override }))).toBeUndefined();
      expect(await tokens.verify(await signed(valid()))).toMatchObject({ sub: SUBJECT.openId });
    });

    it('an unsigned token (alg none) or garbage', async () => {
      const none = `${Buffer.from('{"alg":"none","kid":"key-1"}').toString('base64url')}.${session.split('.')[1]}.`;
      expect(await tokens.verify(none)).toBeUndefined();
      expect(await tokens.verify('not-a-jwt')).toBeUndefined();
    });
  });
});
