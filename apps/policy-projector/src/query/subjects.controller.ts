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
} from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { checkPolicy, PolicyCheckResult } from '@app/directory-domain';
import { parseCheckRequest } from '../policy/check-request';
import { RequiresRole } from '@app/platform';
import { etagOf } from './etag';
import { sendWithEtag } from './send-with-etag';
import { ProjectionQueryRepository } from './projection-query.repository';

/** The projection as SASE services read it: department members, policy checks (subjects: SubjectRoute). */
@Controller('v1/idps/:idpId')
@RequiresRole('policy-reader')
export class SubjectsController {
  constructor(private readonly query: ProjectionQueryRepository) {}

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
