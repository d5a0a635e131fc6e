import { EventDelivery } from './event-delivery';
import { FaultRule } from './faults';
import { Route, SimRequest, SimResponse, jsonResponse, parseJsonBody } from './http-kit';
import { OrgMutationError } from './org-mutations';
import { SimCore } from './sim-core';
import { SimMutator } from './sim-mutator';

type Body = Record<string, any>; // admin input is loosely typed JSON; the mutations validate it

function handle(run: (body: Body, request: SimRequest) => unknown | Promise<unknown>, status = 200) {
  return async (request: SimRequest): Promise<SimResponse> => {
    const body = parseJsonBody(request);
    if (!body) return jsonResponse(400, { error: 'body must be a JSON object' });
    try {
      return jsonResponse(status, (await run(body, request)) ?? { ok: true });
    } catch (error) {
      if (error instanceof OrgMutationError || error instanceof Error)
        return jsonResponse(400, { error: error.message });
      throw error;
    }
  };
}

const route = (method: string, pattern: string, handler: Route['handler']): Route => ({
  method,
  pattern,
  endpoint: `sim.${method} ${pattern}`,
  handler,
});

/** HTTP control surface for the demo and for tests in other processes. Mutations deliver their events. */
export function adminRoutes(core: SimCore, mutator: SimMutator, delivery: EventDelivery): Route[] {
  const envelopesOnly = (envelopes: { eventId: string; eventType: string; appId: string }[]) => ({
    events: envelopes.map(({ eventId, eventType, appId }) => ({ eventId, eventType, appId })),
  });
  return [
    route(
      'GET',
      '/_sim/health',
      handle(() => ({ ok: true, users: core.store.userCount, departments: core.store.departmentCount })),
    ),
    route(
      'GET',
      '/_sim/stats',
      handle(() => ({
        endpoints: core.stats.snapshot(),
        rateLimitFloorSeconds: core.stats.rateLimitFloorSeconds(core.rateLimiter),
        speedFactor: core.rateLimiter.speedFactor,
      })),
    ),
    route(
      'DELETE',
      '/_sim/stats',
      handle(() => core.stats.reset()),
    ),
    route(
      'PUT',
      '/_sim/rate-limits',
      handle((b) => {
        if (typeof b.speedFactor === 'number') core.rateLimiter.speedFactor = b.speedFactor;
        core.rateLimiter.reset();
      }),
    ),
    route(
      'GET',
      '/_sim/faults',
      handle(() => ({ faults: core.faults.list() })),
    ),
    route(
      'POST',
      '/_sim/faults',
      handle((b) => core.faults.add(b as FaultRule), 201),
    ),
    route(
      'DELETE',
      '/_sim/faults',
      handle(() => core.faults.clear()),
    ),
    route(
      'DELETE',
      '/_sim/faults/:id',
      handle((_b, r) => core.faults.remove(Number(r.params.id))),
    ),
    route(
      'GET',
      '/_sim/deliveries',
      handle(() => ({ attempts: delivery.attempts, published: delivery.published })),
    ),
    route(
      'DELETE',
      '/_sim/deliveries',
      handle(() => delivery.clear()),
    ),
    route(
      'PUT',
      '/_sim/delivery/chaos',
      handle((b) => {
        delivery.chaos = b;
      }),
    ),
    route(
      'POST',
      '/_sim/delivery/release',
      handle(() => delivery.releaseHeld()),
    ),
    route(
      'GET',
      '/_sim/apps',
      handle(() => ({
        apps: core.apps.list().map(({ appId, requestUrl, scope, eventSchema, missingPermissions }) => ({
          appId,
          requestUrl,
          scope,
          eventSchema,
          missingPermissions,
        })),
      })),
    ),
    route(
      'PATCH',
      '/_sim/apps/:appId',
      handle((b, r) => {
        core.apps.update(
          r.params.appId,
          pick(b, ['requestUrl', 'eventSchema', 'missingPermissions', 'redirectUris']),
        );
      }),
    ),
    route(
      'PUT',
      '/_sim/apps/:appId/scope',
      handle((b, r) => envelopesOnly(mutator.changeScope(r.params.appId, b as never))),
    ),
    route(
      'POST',
      '/_sim/apps/:appId/verify-url',
      handle((b, r) => delivery.verifyRequestUrl(core.apps.require(r.params.appId), b.url)),
    ),
    route(
      'POST',
      '/_sim/tokens/expire',
      handle((b) => core.tokens.revokeAll(b.appId)),
    ),
    route(
      'POST',
      '/_sim/clock/advance',
      handle((b) => core.clock.advance(Number(b.ms))),
    ),
    route(
      'POST',
      '/_sim/users',
      handle((b) => {
        const { user, envelopes } = mutator.hireUser(b as never);
        return { openId: user.openId, ...envelopesOnly(envelopes) };
      }, 201),
    ),
    route(
      'PATCH',
      '/_sim/users/:openId',
      handle((b, r) => envelopesOnly(mutator.updateUser(r.params.openId, b))),
    ),
    route(
      'POST',
      '/_sim/users/:openId/resign',
      handle((_b, r) => envelopesOnly(mutator.resignUser(r.params.openId))),
    ),
    route(
      'POST',
      '/_sim/users/:openId/freeze',
      handle((_b, r) => envelopesOnly(mutator.freezeUser(r.params.openId))),
    ),
    route(
      'POST',
      '/_sim/users/:openId/unfreeze',
      handle((_b, r) => envelopesOnly(mutator.unfreezeUser(r.params.openId))),
    ),
    route(
      'POST',
      '/_sim/users/:openId/move',
      handle((b, r) => envelopesOnly(mutator.moveUser(r.params.openId, b.departmentOpenIds))),
    ),
    route(
      'POST',
      '/_sim/departments',
      handle((b) => {
        const { department, envelopes } = mutator.createDepartment(b as never);
        return { openDepartmentId: department.openDepartmentId, ...envelopesOnly(envelopes) };
      }, 201),
    ),
    route(
      'PATCH',
      '/_sim/departments/:id',
      handle((b, r) => envelopesOnly(updateDepartment(mutator, r.params.id, b))),
    ),
    route(
      'DELETE',
      '/_sim/departments/:id',
      handle((_b, r) => envelopesOnly(mutator.deleteDepartment(r.params.id))),
    ),
  ];
}

function updateDepartment(mutator: SimMutator, id: string, body: Body) {
  const envelopes = [];
  if (typeof body.name === 'string') envelopes.push(...mutator.renameDepartment(id, body.name, body.enName));
  if (typeof body.parentOpenId === 'string') envelopes.push(...mutator.moveDepartment(id, body.parentOpenId));
  if ('leaderOpenId' in body)
    envelopes.push(...mutator.setDepartmentLeader(id, body.leaderOpenId ?? undefined));
  return envelopes;
}

function pick(body: Body, keys: string[]): Body {
  return Object.fromEntries(keys.filter((key) => key in body).map((key) => [key, body[key]]));
}
