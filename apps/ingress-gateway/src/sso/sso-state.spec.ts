import { randomBytes } from 'node:crypto';
import { codeChallenge, SsoStateCodec, STATE_LIFETIME_MS } from './sso-state';
import { SsoRefusal } from './sso-refusal';

const MASTER_KEY = randomBytes(32).toString('base64');
const IDP_ID = '4f6d2b1e-8c3a-4e5f-9a7b-1c2d3e4f5a6b';

function aClock(start = 1_700_000_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

function refusalOf(attempt: () => unknown): SsoRefusal {
  try {
    attempt();
  } catch (error) {
    if (error instanceof SsoRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

function tamper(state: string, part: 0 | 1): string {
  const parts = state.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[0] ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('SsoStateCodec', () => {
  it('should round-trip the IdP, the nonce and the redirect', () => {
    const codec = new SsoStateCodec(MASTER_KEY);
    const { state, browserBinding } = codec.issue(IDP_ID, 'https://sase.example.com/return?x=1');
    expect(codec.verify(state, browserBinding)).toMatchObject({
      idpId: IDP_ID,
      redirect: 'https://sase.example.com/return?x=1',
    });
  });

  it('should derive the same PKCE verifier from the verified state and binding, carrying neither', () => {
    const codec = new SsoStateCodec(MASTER_KEY);
    const { state, codeVerifier, browserBinding } = codec.issue(IDP_ID);
    expect(codec.codeVerifier(codec.verify(state, browserBinding).nonce, browserBinding)).toBe(codeVerifier);
    expect(state).not.toContain(codeVerifier);
    expect(state).not.toContain(browserBinding);
    expect(codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    ['no binding (the cookie is missing)', () => undefined],
    ['an empty binding', () => ''],
    ["another login's binding", (codec: SsoStateCodec) => codec.issue(IDP_ID).browserBinding],
  ])('should refuse a state presented with %s as state_not_bound', (_case, bindingOf) => {
    const codec = new SsoStateCodec(MASTER_KEY);
    const { state } = codec.issue(IDP_ID);
    expect(refusalOf(() => codec.verify(state, bindingOf(codec)))).toMatchObject({
      status: 400,
      code: 'state_not_bound',
    });
  });

  it('should give each login its own nonce and verifier', () => {
    const codec = new SsoStateCodec(MASTER_KEY);
    const [first, second] = [codec.issue(IDP_ID), codec.issue(IDP_ID)];
    expect(first.state).not.toBe(second.state);
    expect(first.codeVerifier).not.toBe(second.codeVerifier);
    expect(first.browserBinding).not.toBe(second.browserBinding);
  });

  it('should accept a state just before 10 minutes and refuse it at 10 minutes', () => {
    const clock = aClock();
    const codec = new SsoStateCodec(MASTER_KEY, clock.now);
    const { state, browserBinding } = codec.issue(IDP_ID);
    clock.advance(STATE_LIFETIME_MS - 1);
    expect(codec.verify(state, browserBinding).idpId).toBe(IDP_ID);
    clock.advance(1);
    expect(refusalOf(() => codec.verify(state, browserBinding))).toMatchObject({
      status: 400,
      code: 'state_expired',
    });
  });

  it.each([
    ['a flipped payload byte', (state: string) => tamper(state, 0)],
    ['a flipped MAC byte', (state: string) => tamper(state, 1)],
    ['no MAC', (state: string) => state.split('.')[0]],
    ['an extra part', (state: string) => `${state}.x`],
    [
      'a foreign payload with the original MAC',
      (state: string) =>
        `${Buffer.from('{"v":2,"i":"x","n":"n","b":"b","e":9e15}').toString('base64url')}.${state.split('.')[1]}`,
    ],
    ['garbage', () => '%%%not-a-state%%%'],
    ['an oversized value', (state: string) => `${state}${'A'.repeat(5000)}`],
  ])('should refuse %s as bad_state', (_case, mutate) => {
    const codec = new SsoStateCodec(MASTER_KEY);
    const { state, browserBinding } = codec.issue(IDP_ID);
    expect(refusalOf(() => codec.verify(mutate(state), browserBinding))).toMatchObject({
      status: 400,
      code: 'bad_state',
    });
  });

  it('should refuse a state signed under another master key', () => {
    const { state, browserBinding } = new SsoStateCodec(randomBytes(32).toString('base64')).issue(IDP_ID);
    expect(refusalOf(() => new SsoStateCodec(MASTER_KEY).verify(state, browserBinding))).toMatchObject({
      code: 'bad_state',
    });
  });

  it.each([undefined, ''])('should refuse a missing state (%p)', (state) => {
    expect(refusalOf(() => new SsoStateCodec(MASTER_KEY).verify(state, 'binding'))).toMatchObject({
      status: 400,
      code: 'missing_state',
    });
  });
});

describe('codeChallenge', () => {
  it('should match the RFC 7636 appendix B example', () => {
    expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });
});
