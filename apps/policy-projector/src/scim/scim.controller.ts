import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { RequiresRole } from '@app/platform';
import { isNotModified } from '../query/etag';
import { ProjectionQueryRepository } from '../query/projection-query.repository';
import { resourceTypes, schemaDocuments, serviceProviderConfig } from './scim-discovery';
import { ScimExceptionFilter, ScimHttpException, scimRefusal } from './scim-exception.filter';
import { parsePaging, parseUserFilter, Paging } from './scim-filter';
import {
  listResponse,
  SCIM_CONTENT_TYPE,
  scimVersion,
  splitScimId,
  toScimGroup,
  toScimUser,
} from './scim-resources';

const baseUrl = (request: FastifyRequest) => `${request.protocol}://${request.headers.host ?? 'localhost'}`;

function send(reply: FastifyReply, body: unknown, request?: FastifyRequest, version?: number): void {
  reply.header('Content-Type', SCIM_CONTENT_TYPE);
  if (version !== undefined && request) {
    reply.header('ETag', scimVersion(version));
    if (isNotModified(request.headers['if-none-match'], scimVersion(version)))
      return void reply.status(304).send();
  }
  void reply.status(200).send(JSON.stringify(body));
}

function paging(startIndex?: string, count?: string): Paging {
  const parsed = parsePaging(startIndex, count);
  if ('problem' in parsed) throw new ScimHttpException(400, parsed.problem, 'invalidValue');
  return parsed;
}

/** Read-only SCIM 2.0 (RFC 7643/7644): Lark users as Users, departments as Groups, across IdPs. */
@Controller('scim/v2')
@RequiresRole('policy-reader', scimRefusal)
@UseFilters(ScimExceptionFilter)
export class ScimController {
  constructor(private readonly query: ProjectionQueryRepository) {}

  @Get('Users')
  async users(
    @Query() q: Record<string, string | undefined>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = paging(q.startIndex, q.count);
    const parsed = parseUserFilter(q.filter);
    if ('problem' in parsed) throw new ScimHttpException(400, parsed.problem, 'invalidFilter');
    const { id, ...filter } = parsed.filter;
    if (id !== undefined)
      Object.assign(
        filter,
        splitScimId(id) ? { idpId: splitScimId(id)!.idpId, openId: splitScimId(id)!.id } : { openId: '' },
      );
    const { total, documents } = await this.query.subjects(filter, page.startIndex - 1, page.count);
    send(
      reply,
      listResponse(
        documents.map((subject) => toScimUser(subject, baseUrl(request))),
        total,
        page.startIndex,
      ),
    );
  }

  @Get('Users/:id')
  async user(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const key = splitScimId(id);
    const subject = key && (await this.query.subject(key.idpId, key.id));
    if (!subject) throw new ScimHttpException(404, `User ${id} not found`);
    send(reply, toScimUser(subject, baseUrl(request)), request, subject.version);
  }

  @Get('Groups')
  async groups(
    @Query() q: Record<string, string | undefined>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = paging(q.startIndex, q.count);
    if (q.filter?.trim())
      throw new ScimHttpException(
        400,
        'Groups support no filter; page with startIndex and count',
        'invalidFilter',
      );
    const { total, documents } = await this.query.departments({}, page.startIndex - 1, page.count);
    const resources = [];
    for (const node of documents) {
      const members = await this.query.directMemberIds(node.idpId, [node.departmentId]);
      resources.push(toScimGroup(node, members.get(node.departmentId) ?? [], baseUrl(request)));
    }
    send(reply, listResponse(resources, total, page.startIndex));
  }

  @Get('Groups/:id')
  async group(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const key = splitScimId(id);
    const node = key && (await this.query.department(key.idpId, key.id));
    if (!node) throw new ScimHttpException(404, `Group ${id} not found`);
    const members = await this.query.directMemberIds(node.idpId, [node.departmentId]);
    send(
      reply,
      toScimGroup(node, members.get(node.departmentId) ?? [], baseUrl(request)),
      request,
      node.version,
    );
  }

  @Get('ServiceProviderConfig')
  config(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    send(reply, serviceProviderConfig(baseUrl(request)));
  }

  @Get('Schemas')
  schemas(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const all = schemaDocuments(baseUrl(request));
    send(reply, listResponse(all, all.length, 1));
  }

  @Get('Schemas/:id')
  schema(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const found = schemaDocuments(baseUrl(request)).find((schema) => schema.id === id);
    if (!found) throw new ScimHttpException(404, `Schema ${id} not found`);
    send(reply, found);
  }

  @Get('ResourceTypes')
  resourceTypes(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const all = resourceTypes(baseUrl(request));
    send(reply, listResponse(all, all.length, 1));
  }
}
