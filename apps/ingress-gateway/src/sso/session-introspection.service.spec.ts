import { SessionClaims, SessionTokens } from '../sessions/session-tokens';
import { IdpLookupService, IdpView } from '../idp/idp-lookup.service';
import type { SignInStanding, SignInStandingReader } from '@app/persistence';
import { SessionIntrospectionService } from './session-introspection.service';

const CLAIMS: SessionClaims = {
  iss: 'https://gateway.example.com',
  aud: 'sase-client',
  sub: 'ou_1',
  idp: 'idp-1',
  iat: 1,
  exp: 2,
  jti: 'j',
};

function anIntrospection(world: {
  claims?: SessionClaims;
  idp?: Partial<IdpView> | null | Error;
  standing?: SignInStanding | Error;
}): SessionIntrospectionService {
  const answer = <T>(value: T | Error) =>
    value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
  return new SessionIntrospectionService(
    { verify: async () => world.claims } as unknown as SessionTokens,
    { find: () => answer(world.idp ?? null) } as unknown as IdpLookupService,
    { find: () => answer(world.standing) } as unknown as SignInStandingReader,
  );
}

const ENABLED = { status: 'enabled' } as const;
const ACTIVE: SignInStanding = { status: 'active', name: 'Li Lei' };

describe('SessionIntrospectionService', () => {
  it('should report a genuine session of an active user of an enabled IdP active, with its claims', async () => {
    const answer = await anIntrospection({ claims: CLAIMS, idp: ENABLED, standing: ACTIVE }).introspect('t');
    expect(answer).toEqual({ active: true, token_type: 'Bearer', ...CLAIMS });
  });

  it.each([
    ['no token', undefined, {}],
    ['a token that does not verify', 't', { idp: ENABLED, standing: ACTIVE }],
    ['an IdP that is gone', 't', { claims: CLAIMS, idp: null, standing: ACTIVE }],
    ['a closed IdP', 't', { claims: CLAIMS, idp: { status: 'closed' as const }, standing: ACTIVE }],
    ['a user no longer in the directory', 't', { claims: CLAIMS, idp: ENABLED }],
    ['a resigned user', 't', { claims: CLAIMS, idp: ENABLED, standing: { status: 'resigned', name: '' } }],
    [
      'a user out of scope',
      't',
      { claims: CLAIMS, idp: ENABLED, standing: { status: 'out_of_scope', name: '' } },
    ],
  ])('should report %s inactive, and nothing else', async (_case, token, world) => {
    expect(await anIntrospection(world).introspect(token)).toEqual({ active: false });
  });

  it.each([
    ['the IdP', { claims: CLAIMS, idp: new Error('db down'), standing: ACTIVE }],
    ['the directory', { claims: CLAIMS, idp: ENABLED, standing: new Error('db down') }],
  ])('should give no answer when %s cannot be read', async (_case, world) => {
    await expect(anIntrospection(world).introspect('t')).rejects.toThrow('db down');
  });
});
