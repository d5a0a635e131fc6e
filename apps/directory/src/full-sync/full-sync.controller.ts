import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpException,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  ServiceUnavailableException,
  ConflictException,
} from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { directoryCommandRecord, fullSyncCommand, Topics } from '@app/contracts';
import { MessagePublisher } from '@app/kafka';
import { LOGGER, Logger } from '@app/logging';
import { Actor, AuditRecordRepository } from '@app/persistence';
import { CurrentActor, RequiresRole } from '@app/platform';
import { ConnectivityReport, ConnectivityTestService } from './connectivity-test.service';
import { TypedConnectivityTestDto } from './typed-connectivity-test.dto';
import { adminValidationPipe } from '../idp-admin/validation.pipe';
import { FULL_SYNC_OPTIONS, FullSyncOptions } from './full-sync.options';
import { ALL_SCOPE, EntityChange, SnapshotDiff } from '@app/directory-domain';
import { IdpNotFoundError, IdpRepository } from '../org-store';
import { DryRunService } from './dry-run.service';
import { RunApprovalService } from './run-approval.service';
import { describeError } from './sync-errors';
import { SyncRunRepository, SyncRunView } from './sync-run.repository';

const DIFF_LIST_LIMIT = 1000;
/** Connectivity tests on typed values each credential may run per minute (each one calls Lark several times). */
export const TYPED_TESTS_PER_MINUTE = 10;

/** Admin HTTP API of the full sync: start (or dry-run) a sync, read runs, approve or reject held ones, test connectivity. */
@ApiTags('full sync')
@RequiresRole('viewer')
@Controller('api')
export class FullSyncController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRecordRepository,
    private readonly idps: IdpRepository,
    private readonly dryRuns: DryRunService,
    private readonly approvals: RunApprovalService,
    private readonly runs: SyncRunRepository,
    private readonly connectivity: ConnectivityTestService,
    private readonly publisher: MessagePublisher,
    @Inject(FULL_SYNC_OPTIONS) private readonly options: FullSyncOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private readonly typedTests = new RateLimiterMemory({ points: TYPED_TESTS_PER_MINUTE, duration: 60 });

  @Post('idps/:idpId/sync')
  @RequiresRole('operator')
  @HttpCode(202)
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean })
  async sync(
    @CurrentActor() actor: Actor,
    @Param('idpId', ParseUUIDPipe) idpId: string,
    @Query('dryRun') dryRun?: string,
  ): Promise<SyncRunView | { run: SyncRunView; diff: object }> {
    await this.existingIdp(idpId);
    if (dryRun === 'true') {
      const { run, diff } = await this.notFoundOr(() => this.dryRuns.dryRun(idpId, randomUUID()));
      return { run, diff: summarise(diff) };
    }
    const command = fullSyncCommand({
      commandId: randomUUID(),
      idpId,
      reason: 'manual',
      requestedAt: new Date().toISOString(),
      includeUsers: true,
    });
    const { run } = await this.dataSource.transaction(async (manager) => {
      const enqueued = await this.runs.enqueue(command, manager);
      await this.audit.append(manager, actor, {
        action: 'sync.triggered',
        idpId,
        targetId: enqueued.run.id,
        details: { outcome: enqueued.outcome },
      });
      return enqueued;
    });
    try {
      await this.publisher.publish(this.options.commandTopic ?? Topics.directoryCommands, [
        directoryCommandRecord(command),
      ]);
    } catch (error) {
      if (run.commandId === command.commandId)
        await this.runs.finish(run.id, {
          status: 'failed',
          errors: [{ message: `command not published: ${describeError(error).message}` }],
        });
      throw new ServiceUnavailableException('the sync command could not be queued; try again');
    }
    return run;
  }

  @Get('idps/:idpId/sync-runs')
  async list(@Param('idpId', ParseUUIDPipe) idpId: string): Promise<SyncRunView[]> {
    await this.existingIdp(idpId);
    return this.runs.listForIdp(idpId);
  }

  @Get('sync-runs/:runId')
  async get(@Param('runId', ParseUUIDPipe) runId: string): Promise<SyncRunView> {
    const run = await this.runs.get(runId);
    if (!run) throw new NotFoundException(`sync run ${runId} not found`);
    return run;
  }

  @Post('sync-runs/:runId/approve')
  @RequiresRole('operator')
  @HttpCode(200)
  async approve(
    @CurrentActor() actor: Actor,
    @Param('runId', ParseUUIDPipe) runId: string,
  ): Promise<SyncRunView> {
    return (await this.approvals.approve(actor, runId)) ?? this.notHeld(runId, 'approved');
  }

  @Post('sync-runs/:runId/reject')
  @RequiresRole('operator')
  @HttpCode(200)
  async reject(
    @CurrentActor() actor: Actor,
    @Param('runId', ParseUUIDPipe) runId: string,
  ): Promise<SyncRunView> {
    return (await this.approvals.reject(actor, runId)) ?? this.notHeld(runId, 'rejected');
  }

  @Post('idps/:idpId/connectivity-test')
  @RequiresRole('operator')
  @HttpCode(200)
  async connectivityTest(@Param('idpId', ParseUUIDPipe) idpId: string): Promise<ConnectivityReport> {
    const report = await this.connectivity.run(await this.existingIdp(idpId));
    this.logger.info(
      { idpId, ok: report.ok, failed: report.checks.filter((check) => !check.ok).map((check) => check.name) },
      'connectivity test',
    );
    return report;
  }

  @Post('connectivity-test')
  @RequiresRole('operator')
  @HttpCode(200)
  async typedConnectivityTest(
    @CurrentActor() actor: Actor,
    @Body(adminValidationPipe()) typed: TypedConnectivityTestDto,
  ): Promise<ConnectivityReport> {
    await this.typedTests.consume(actor.credentialId).catch(() => {
      throw new HttpException(
        {
          statusCode: 429,
          error: 'Too Many Requests',
          message: `at most ${TYPED_TESTS_PER_MINUTE} tests a minute`,
        },
        429,
      );
    });
    const saved = typed.idpId ? await this.existingIdp(typed.idpId) : undefined;
    if (!typed.appSecret && !saved)
      throw new HttpException(
        { statusCode: 400, error: 'Bad Request', message: 'appSecret is required' },
        400,
      );
    const report = await this.connectivity.runTyped(
      {
        appId: typed.appId,
        appSecret: typed.appSecret ?? '',
        platform: typed.platform,
        scope:
          typed.scope?.mode === 'partial'
            ? {
                mode: 'partial',
                departmentIds: typed.scope.departmentIds ?? [],
                groupIds: typed.scope.groupIds ?? [],
              }
            : typed.scope && ALL_SCOPE,
      },
      saved,
    );
    this.logger.info(
      {
        idpId: typed.idpId,
        ok: report.ok,
        failed: report.checks.filter((check) => !check.ok).map((check) => check.name),
      },
      'connectivity test on typed values',
    );
    return report;
  }

  private async notHeld(runId: string, decision: string): Promise<never> {
    const current = await this.runs.get(runId);
    if (!current) throw new NotFoundException(`sync run ${runId} not found`);
    throw new ConflictException(`sync run ${runId} is ${current.status}; only held runs can be ${decision}`);
  }

  private existingIdp(idpId: string) {
    return this.notFoundOr(() => this.idps.get(idpId));
  }

  private async notFoundOr<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof IdpNotFoundError) throw new NotFoundException(error.message);
      if (error instanceof HttpException) throw error;
      throw new HttpException(
        { statusCode: 502, message: describeError(error).message, error: 'Lark read failed' },
        502,
      );
    }
  }
}

function summarise(diff: SnapshotDiff) {
  const lists = {
    creates: diff.creates,
    updates: diff.updates,
    moves: diff.moves,
    deactivations: diff.deactivations,
  };
  const cut = (changes: EntityChange[]) => changes.slice(0, DIFF_LIST_LIMIT);
  return {
    creates: cut(lists.creates),
    updates: cut(lists.updates),
    moves: cut(lists.moves),
    deactivations: cut(lists.deactivations),
    totals: {
      ...Object.fromEntries(Object.entries(lists).map(([name, changes]) => [name, changes.length])),
      unchanged: diff.unchanged,
      skippedNewer: diff.skippedNewer,
      futureVersions: diff.futureVersions,
      drift: diff.drift,
    },
    truncated: Object.values(lists).some((changes) => changes.length > DIFF_LIST_LIMIT),
  };
}
