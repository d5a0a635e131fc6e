import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LOGGER, Logger } from '@app/logging';
import { routeAccess } from '@app/platform';
import { sendWithEtag } from './send-with-etag';
import { SubjectLookup } from './subject-lookup';

/** The path of the subject lookup; also what the projector's tracing treats as a hot read route. */
export const SUBJECT_PATH = '/v1/idps/:idpId/subjects/:openId';

type SubjectRequest = FastifyRequest<{ Params: { idpId: string; openId: string } }>;

const FAILED = { statusCode: 500, message: 'Internal server error' };
const notFound = (idpId: string, openId: string) => ({
  message: `no subject ${openId} in IdP ${idpId}`,
  error: 'Not Found',
  statusCode: 404,
});

/**
 * `GET /v1/idps/:idpId/subjects/:openId`, the policy engine's hot read: a plain Fastify route, so a cache hit
 * is answered in the same tick, without Nest's per-request guard, pipe and promise chain. Same access check
 * (a policy-reader credential, verified from cache in the same tick) and same 404 body as the Nest routes.
 */
@Injectable()
export class SubjectRoute implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly subjects: SubjectLookup,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    // An application context (the rebuild CLI) has no HTTP server.
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    fastify?.get(SUBJECT_PATH, { config: routeAccess('policy-reader') }, (request: SubjectRequest, reply) =>
      this.serve(request, reply),
    );
  }

  /** Answers a hit before returning; only a miss returns a promise (fastify then waits for it). */
  private serve(request: SubjectRequest, reply: FastifyReply): Promise<void> | undefined {
    const { idpId, openId } = request.params;
    const cached = this.subjects.cached(idpId, openId);
    if (cached) {
      sendWithEtag(request, reply, cached.etag, cached.body);
      return undefined;
    }
    return this.subjects.find(idpId, openId).then(
      (subject) => {
        if (subject) sendWithEtag(request, reply, subject.etag, subject.body);
        else void reply.status(404).send(notFound(idpId, openId));
      },
      (error: Error) => {
        this.logger.error({ err: error, idpId }, 'subject lookup failed');
        void reply.status(500).send(FAILED);
      },
    );
  }
}
