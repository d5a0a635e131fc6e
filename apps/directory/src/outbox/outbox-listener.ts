import { Inject, Injectable } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { LOGGER, Logger } from '@app/logging';

interface PgPool {
  connect(): Promise<Client & { release(destroy?: boolean): void }>;
}

/**
 * Wakes the outbox relay as soon as a transaction that wrote outbox rows commits (PostgreSQL
 * LISTEN/NOTIFY); the relay's poll covers a lost connection or notification.
 */
@Injectable()
export class OutboxListener {
  private client?: Client & { release(destroy?: boolean): void };
  private wakeUp?: () => void;
  /** A notification that came while the relay was busy: its next wait returns at once. */
  private woken = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async listen(channel: string): Promise<void> {
    const pool = (this.dataSource.driver as unknown as { master: PgPool }).master;
    this.client = await pool.connect();
    this.client.on('notification', () => this.wake());
    this.client.on('error', (error) =>
      this.logger.warn({ err: error }, 'outbox listener connection failed; polling'),
    );
    await this.client.query(`LISTEN ${channel}`);
  }

  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.woken = true;
  }

  /** Resolves on the next notification (or at once if one came since the last wait) or after `timeoutMs`. */
  waitForWake(timeoutMs: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.wakeUp = done;
    });
  }

  async close(): Promise<void> {
    this.client?.release(true);
    this.client = undefined;
  }
}
