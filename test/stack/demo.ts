import { createRemoteJWKSet, jwtVerify } from 'jose';
import { DEFAULT_APP, SimUser } from '../lark-simulator';
import {
  clientLoginUrl,
  clientSignIn,
  pkcePair,
  redeem,
} from '../../apps/ingress-gateway/src/sso/testing/sso-client';
import { join } from 'node:path';
import { CleanupStack } from '../../deploy/local/src/cleanup-stack';
import { findRepoRoot } from '../../deploy/local/src/repo-root';
import { callJson, eventually } from '@app/testing';
import { Stack, startStack } from './stack';

/* `npm run demo`: the whole pipeline end to end on local defaults, narrated, then everything stops. */

const say = (line: string) => process.stdout.write(`${line}\n`);

function isActive({ status }: SimUser): boolean {
  return status.isActivated && !status.isFrozen && !status.isResigned && !status.isExited && !status.isUnjoin;
}

interface Subject {
  status: string;
  disabledReason: string | null;
  departments: { id: string; path: { id: string; name: string }[] }[];
}

async function connectIdp(stack: Stack): Promise<string> {
  const directory = stack.apps.directory.url;
  const idp = await callJson<{ id: string; requestUrl: string }>(
    'POST',
    `${directory}/api/idps`,
    stack.adminToken,
    {
      name: 'demo-lark',
      description: 'Sign in with Lark',
      platform: 'feishu',
      appId: DEFAULT_APP.appId,
      appSecret: DEFAULT_APP.appSecret,
      encryptKey: DEFAULT_APP.encryptKey,
      verificationToken: DEFAULT_APP.verificationToken,
      autoSync: true,
      syncUserInfo: true,
      syncIntervalHours: 1,
    },
  );
  say(`1. IdP "demo-lark" connected (${idp.id}); Request URL for Lark's console: ${idp.requestUrl}`);
  const app = stack.simulator.apps.require(DEFAULT_APP.appId);
  app.requestUrl = idp.requestUrl;
  const verification = await stack.simulator.delivery.verifyRequestUrl(app, idp.requestUrl);
  say(`2. Lark's URL-verification challenge (encrypted): ${JSON.stringify(verification)}`);
  return idp.id;
}

async function fullSync(stack: Stack, idpId: string): Promise<void> {
  const directory = stack.apps.directory.url;
  const started = Date.now();
  const run = await callJson<{ id: string }>('POST', `${directory}/api/idps/${idpId}/sync`, stack.adminToken);
  const finished = await eventually('the full sync', async () => {
    const current = await callJson<{ status: string; counts: Record<string, number> }>(
      'GET',
      `${directory}/api/sync-runs/${run.id}`,
      stack.adminToken,
    );
    return ['succeeded', 'failed', 'held'].includes(current.status) ? current : undefined;
  });
  say(`3. Full sync ${finished.status} in ${Date.now() - started} ms: ${JSON.stringify(finished.counts)}`);
}

interface SignInOutcome {
  said: string;
  session?: string;
}

/** Where the SASE client listens for the system browser's return (RFC 8252 loopback redirect). */
const CLIENT_REDIRECT = 'http://127.0.0.1:47615/callback';

/** What the employee types into the SASE client: the identifier the admin copies from the console's Settings. */
async function enterpriseIdentifier(stack: Stack): Promise<string> {
  const enterprises = await callJson<{ authIdentifier: string; isDefault: boolean }[]>(
    'GET',
    `${stack.apps.directory.url}/api/enterprises`,
    stack.adminToken,
  );
  return enterprises.find((enterprise) => enterprise.isDefault)!.authIdentifier;
}

/**
 * The SASE client's journey: the enterprise identifier → its identity sources → the Lark one's sign-in in the system
 * browser (Lark's page, signing in as `openId`) → back to the client's loopback address with a one-time code, which
 * the client redeems with its PKCE verifier.
 */
async function signInFromTheClient(stack: Stack, identifier: string, openId: string): Promise<SignInOutcome> {
  const gateway = stack.apps['ingress-gateway'].url;
  const discovery = (await (
    await fetch(`${gateway}/api/enterprises/${identifier}/identity-sources`, {
      headers: { 'accept-language': 'en-US' },
    })
  ).json()) as { identitySources: { kind: string; logonTitle: string; signInUrl: string }[] };
  const lark = discovery.identitySources.find((source) => source.kind === 'lark')!;
  const pkce = pkcePair();
  const { returned } = await clientSignIn(
    clientLoginUrl(lark.signInUrl, {
      redirectUri: CLIENT_REDIRECT,
      challenge: pkce.challenge,
      state: 'demo',
      uiLocales: 'en-US',
    }),
    { as_open_id: openId },
  );
  const refused = returned.searchParams.get('error');
  if (refused) return { said: `refused (${refused}): ${returned.searchParams.get('error_description')}` };
  const token = await redeem(gateway, {
    code: returned.searchParams.get('code')!,
    verifier: pkce.verifier,
    redirectUri: CLIENT_REDIRECT,
  });
  if (token.status !== 200) return { said: `refused at the token endpoint: ${JSON.stringify(token.body)}` };
  const session = String(token.body.session);
  // As a SASE component would: with the gateway's published keys and nothing else.
  const jwks = createRemoteJWKSet(new URL(`${gateway}/.well-known/jwks.json`));
  const { protectedHeader } = await jwtVerify(session, jwks, { issuer: gateway });
  return {
    said: `"${lark.logonTitle}" → Lark → a SASE session until ${String(token.body.expiresAt)}, verified with the JWKS alone (${protectedHeader.alg})`,
    session,
  };
}

/** The client's first screen: the identifier typed in, the enterprise's identity sources by their logon titles. */
async function showIdentitySources(stack: Stack, identifier: string): Promise<void> {
  const typed = identifier.toLowerCase().replace('-', ' ');
  const response = await fetch(
    `${stack.apps['ingress-gateway'].url}/api/enterprises/${encodeURIComponent(typed)}/identity-sources`,
  );
  const { identitySources } = (await response.json()) as { identitySources: { logonTitle: string }[] };
  const titles = identitySources.map((source) => `"${source.logonTitle}"`).join(', ');
  say(
    `5. The SASE client: "${typed}" typed (the identifier from the console's Settings) → it offers ${titles}`,
  );
}

async function isSessionActive(stack: Stack, session: string): Promise<boolean> {
  const response = await fetch(`${stack.apps['ingress-gateway'].url}/sso/introspect`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: session }),
  });
  return ((await response.json()) as { active: boolean }).active;
}

/** What the SASE policy engine reads the projector with: a policy-reader credential limited to the demo's IdP. */
async function issuePolicyReader(stack: Stack, idpId: string): Promise<string> {
  const credential = await callJson<{ id: string; secret: string }>(
    'POST',
    `${stack.apps.directory.url}/api/credentials`,
    stack.adminToken,
    { name: 'sase-policy-engine', role: 'policy-reader', idpIds: [idpId] },
  );
  say(
    `4. A policy-reader credential for the SASE policy engine, limited to demo-lark: ${credential.secret.slice(0, 40)}… (shown once, stored as its SHA-256)`,
  );
  return credential.secret;
}

function subjectOf(stack: Stack, reader: string, idpId: string, openId: string): Promise<Subject> {
  return callJson<Subject>(
    'GET',
    `${stack.apps['policy-projector'].url}/v1/idps/${idpId}/subjects/${openId}`,
    reader,
  );
}

async function followTheOrgChart(
  stack: Stack,
  reader: string,
  idpId: string,
  identifier: string,
): Promise<void> {
  const user = stack.simulator.org
    .listedUsers()
    .find((candidate) => isActive(candidate) && candidate.departmentOpenIds.some((id) => id !== '0'))!;
  // The full sync's changes reach the projector as a stream: wait until the subject's paths are whole.
  const expectedDepth = (departmentId: string) => stack.simulator.org.ancestorIds(departmentId).length + 1;
  const subject = await eventually('the subject with its department paths', async () => {
    const current = await subjectOf(stack, reader, idpId, user.openId);
    const whole =
      current.departments.length > 0 &&
      current.departments.every((entry) => entry.path.length === expectedDepth(entry.id));
    return whole ? current : undefined;
  });
  const path = subject.departments[0]?.path.map((department) => department.name).join(' / ');
  say(`6. Subject ${user.openId} is ${subject.status}, in ${path}`);
  const topDepartment = subject.departments[0].path[0].id;
  const condition = { departments: { ids: [topDepartment], includeSubDepartments: true }, activeOnly: true };
  const check = () =>
    callJson<{ decision: string; reason: string }>(
      'POST',
      `${stack.apps['policy-projector'].url}/v1/idps/${idpId}/check`,
      reader,
      { openId: user.openId, condition },
    );
  const before = await check();
  say(
    `7. Policy "members of ${subject.departments[0].path[0].name} and its sub-departments": ${before.decision} (${before.reason})`,
  );
  const signedIn = await signInFromTheClient(stack, identifier, user.openId);
  say(`8. They sign in from the SASE client: ${signedIn.said}`);
  const resignedAt = Date.now();
  stack.simulator.mutate.resignUser(user.openId);
  const session = signedIn.session;
  if (!session) throw new Error(`the active employee could not sign in: ${signedIn.said}`);
  const [disabled, sessionEnded] = await Promise.all([
    eventually('the resignation to reach the policy view', async () => {
      const current = await subjectOf(stack, reader, idpId, user.openId);
      return current.status === 'disabled' ? { ...current, after: Date.now() - resignedAt } : undefined;
    }),
    eventually('the live session to be reported inactive', async () =>
      (await isSessionActive(stack, session)) ? undefined : { after: Date.now() - resignedAt },
    ),
  ]);
  say(
    `9. Lark reports the resignation → subject ${disabled.status} (${disabled.disabledReason}) after ${disabled.after} ms`,
  );
  say(`10. Their live session, introspected at the gateway: inactive after ${sessionEnded.after} ms`);
  const after = await check();
  say(`11. The same policy now: ${after.decision} (${after.reason})`);
  say(
    `12. Signing in from the SASE client again: ${(await signInFromTheClient(stack, identifier, user.openId)).said}`,
  );
}

async function moveADepartment(stack: Stack, reader: string, idpId: string): Promise<void> {
  const org = stack.simulator.org;
  const moved = org
    .departments()
    .find(
      (department) =>
        department.parentOpenId !== '0' && org.directMembers(department.openDepartmentId).length > 0,
    )!;
  const newParent = org
    .departments()
    .find(
      (department) =>
        department.parentOpenId === '0' &&
        !org.ancestorIds(moved.openDepartmentId).includes(department.openDepartmentId),
    )!;
  const member = org.directMembers(moved.openDepartmentId)[0];
  const movedAt = Date.now();
  stack.simulator.mutate.moveDepartment(moved.openDepartmentId, newParent.openDepartmentId);
  const subject = await eventually('the move to reach the policy view', async () => {
    const current = await subjectOf(stack, reader, idpId, member.openId);
    const entry = current.departments.find((department) => department.id === moved.openDepartmentId);
    return entry?.path[0]?.id === newParent.openDepartmentId ? entry : undefined;
  });
  say(
    `13. Department ${moved.name} moved under ${newParent.name} → its members' paths follow after ${Date.now() - movedAt} ms: ${subject.path.map((department) => department.name).join(' / ')}`,
  );
}

async function main(): Promise<void> {
  const cleanup = new CleanupStack();
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void cleanup.run().then(() => process.exit(130)));
  let exitCode = 0;
  try {
    const logDir = join(findRepoRoot(), '.cache', 'demo-logs');
    const stack = await startStack({ purpose: 'test', ports: 'free', users: 300, cleanup, logDir });
    say(`(the apps' JSON logs: ${logDir})`);
    say(
      `larksync demo: Lark simulator at ${stack.simulator.url} with ${stack.simulator.org.listedUsers().length} users`,
    );
    const idpId = await connectIdp(stack);
    await fullSync(stack, idpId);
    const reader = await issuePolicyReader(stack, idpId);
    const identifier = await enterpriseIdentifier(stack);
    await showIdentitySources(stack, identifier);
    await followTheOrgChart(stack, reader, idpId, identifier);
    await moveADepartment(stack, reader, idpId);
    say('Demo complete.');
  } catch (error) {
    say(`Demo failed: ${(error as Error).message}`);
    exitCode = 1;
  } finally {
    await cleanup.run();
  }
  process.exit(exitCode);
}

void main();
