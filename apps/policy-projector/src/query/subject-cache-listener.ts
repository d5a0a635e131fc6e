import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { LOGGER, Logger } from '@app/logging';
import { applySubjectChangeNotice, SUBJECT_CHANGES_CHANNEL } from './subject-change-notices';
import { SubjectDocumentCache } from './subject-document-cache';

const RECONNECT_MS = 1_000;

/**
 * Applies every instance's commits to this instance's cache (PostgreSQL LISTEN/NOTIFY, sent at commit).
 * Without a listening connection the cache is suspended: lookups go to the table, nothing goes stale.
 */
@Injectable()
export class SubjectCacheListener implements OnModuleInit, OnModuleDestroy {
  private client?: Client;
  private retry?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: SubjectDocumentCache,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    this.cache.suspend();
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const { url, applicationName } = this.dataSource.options as { url?: string; applicationName?: string };
    const client = new Client({ connectionString: url, application_name: applicationName });
    this.client = client;
    client.on('notification', ({ payload }) => applySubjectChangeNotice(this.cache, payload));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${SUBJECT_CHANGES_CHANNEL}`);
      this.cache.resume();
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  private lost(client: Client, error?: Error): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    this.cache.suspend();
    this.logger.warn({ err: error }, 'subject cache listener lost its connection; cache suspended');
    void client.end().catch(() => undefined);
    this.retry = setTimeout(() => void this.listen(), RECONNECT_MS);
  }
}
