import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { checkPolicy, PolicyCheckResult } from '@app/directory-domain';
import { parseCheckRequest } from '../policy/check-request';
import { AdminTokenGuard } from '@app/platform';
import { etagOf, isNotModified } from './etag';
import { ProjectionQueryRepository } from './projection-query.repository';
import { SubjectLookup } from './subject-lookup';

function sendWithEtag(request: FastifyRequest, reply: FastifyReply, etag: string, body: unknown): void {
  reply.header('ETag', etag).header('Cache-Control', 'no-cache');
  if (isNotModified(request.headers['if-none-match'], etag)) {
    void reply.status(304).send();
    return;
  }
  // A Buffer is JSON serialised already: the same bytes and content type fastify gives an object.
  if (Buffer.isBuffer(body)) reply.header('Content-Type', 'application/json; charset=utf-8');
  void reply.status(200).send(body);
}

/** The projection as SASE services read it: subjects, department members, policy checks. */
@Controller('v1/idps/:idpId')
@UseGuards(AdminTokenGuard)
export class SubjectsController {
  constructor(
    private readonly query: ProjectionQueryRepository,
    private readonly subjects: SubjectLookup,
  ) {}

  @Get('subjects/:openId')
  async subject(
    @Param('idpId') idpId: string,
    @Param('openId') openId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const subject = await this.subjects.find(idpId, openId);
    if (!subject) throw new NotFoundException(`no subject ${openId} in IdP ${idpId}`);
    sendWithEtag(request, reply, subject.etag, subject.body);
  }

  @Get('departments/:departmentId/members')
  async members(
    @Param('idpId') idpId: string,
    @Param('departmentId') departmentId: string,
    @Query('recursive') recursive: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (recursive !== undefined && recursive !== 'true' && recursive !== 'false')
      throw new BadRequestException('recursive must be true or false');
    const department = await this.query.department(idpId, departmentId);
    if (!department) throw new NotFoundException(`no department ${departmentId} in IdP ${idpId}`);
    const members = await this.query.members(idpId, departmentId, recursive === 'true');
    const etag = etagOf(
      department.version,
      recursive ?? 'false',
      ...members.map((member) => `${member.openId}@${member.version}`),
    );
    sendWithEtag(request, reply, etag, {
      idpId,
      department,
      recursive: recursive === 'true',
      count: members.length,
      members,
    });
  }

  @Post('check')
  @HttpCode(200)
  async check(
    @Param('idpId') idpId: string,
    @Body() body: unknown,
  ): Promise<PolicyCheckResult & { idpId: string; openId: string; subjectVersion: number | null }> {
    const parsed = parseCheckRequest(body);
    if ('problems' in parsed) throw new BadRequestException(parsed.problems);
    const { openId, condition } = parsed.request;
    const subject = await this.query.subject(idpId, openId);
    if (!subject)
      return {
        idpId,
        openId,
        subjectVersion: null,
        decision: 'deny',
        reason: 'subject not found (unknown, or it left the directory)',
      };
    return { idpId, openId, subjectVersion: subject.version, ...checkPolicy(subject, condition) };
  }
}
