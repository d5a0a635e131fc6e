import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import { ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor, CredentialRole } from '@app/persistence';
import type { RefusalRenderer } from './access-control';
import { RouteAccess } from './roles';

type RouteConfig = { access: RouteAccess; refusal?: RefusalRenderer };

/** The route config of a plain Fastify route: `fastify.route({ ..., config: routeAccess('policy-reader') })`. */
export function routeAccess(access: RouteAccess, refusal?: RefusalRenderer): RouteConfig {
  return refusal ? { access, refusal } : { access };
}

/**
 * The route, or every route of the controller that declares nothing itself, requires `role` (admin has every role).
 * In OpenAPI: `x-required-role` and the 401/403 answers; the bearer scheme is the document's (see the app's setup).
 */
export function RequiresRole(role: CredentialRole, refusal?: RefusalRenderer) {
  return declareAccess(routeAccess(role, refusal), [
    ApiExtension('x-required-role', role),
    ApiUnauthorizedResponse({ description: 'no valid credential' }),
    ApiForbiddenResponse({ description: `requires the ${role} role (admin has every role)` }),
  ]);
}

/** The route, or every route of the controller, is public by decision: no credential asked. */
export function Public() {
  return declareAccess(routeAccess('public'), []);
}

/** The credential and request a handler acts for, as the access hook recorded them; for the audit trail. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<FastifyRequest>().actor;
  if (!actor) throw new Error('no actor on a request that did not authenticate');
  return actor;
});

function declareAccess(config: RouteConfig, openApi: MethodDecorator[]) {
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    if (descriptor) return declareOn(target, key!, descriptor, config, openApi);
    const prototype = (target as { prototype: object }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = Object.getOwnPropertyDescriptor(prototype, name)!;
      if (
        typeof handler.value !== 'function' ||
        Reflect.getMetadata(PATH_METADATA, handler.value) === undefined
      )
        continue;
      if (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler.value)?.access === undefined)
        declareOn(prototype, name, handler, config, openApi);
    }
  };
}

function declareOn(
  target: object,
  key: string | symbol,
  descriptor: PropertyDescriptor,
  config: RouteConfig,
  openApi: MethodDecorator[],
): void {
  const handler = descriptor.value as object;
  const existing = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as object | undefined;
  Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...existing, ...config }, handler);
  for (const decorate of openApi) decorate(target, key, descriptor);
}
