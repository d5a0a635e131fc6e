import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { MessagePublisher } from '@app/kafka';
import { createLogger } from '@app/logging';
import { OutboxListener } from './outbox-listener';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';

describe('OutboxRelay', () => {
  function relayOver(rows: { id: string; age_seconds: number }[], publish = () => Promise.resolve()) {
    const statements: string[] = [];
    const query = (sql: string) => {
      statements.push(sql.trim());
      return Promise.resolve(
        sql.trimStart().startsWith('SELECT id')
          ? rows.map((row) => ({ ...row, topic: 't', key: 'k', value: 'v', headers: {} }))
          : [],
      );
    };
    const dataSource = { transaction: (work: (manager: unknown) => unknown) => work({ query }) };
    const publisher = { publish };
    const registry = new Registry();
    const logger = createLogger('outbox-relay-spec', 'silent');
    const relay = new OutboxRelay(
      dataSource as unknown as DataSource,
      new OutboxRepository(),
      publisher as unknown as MessagePublisher,
      new OutboxListener(dataSource as unknown as DataSource, logger),
      logger,
      registry,
    );
    const lag = async () =>
      (await registry.getSingleMetric('larksync_outbox_lag_seconds')!.get()).values[0].value;
    return { relay, lag, statements };
  }

  it('should report the age of the oldest record of the pass, whatever its id', async () => {
    const { relay, lag } = relayOver([
      { id: '1', age_seconds: 2 },
      { id: '2', age_seconds: 75 },
      { id: '3', age_seconds: 1 },
    ]);
    expect(await relay.relayOnce()).toBe(3);
    expect(await lag()).toBe(75);
  });

  it('should report 0 when there is nothing to relay', async () => {
    const { relay, lag } = relayOver([]);
    expect(await relay.relayOnce()).toBe(0);
    expect(await lag()).toBe(0);
  });

  it('should mark nothing published when Kafka refuses the batch (the transaction rolls back, the rows wait)', async () => {
    const { relay, statements } = relayOver([{ id: '1', age_seconds: 0 }], () =>
      Promise.reject(new Error('broker unavailable')),
    );
    await expect(relay.relayOnce()).rejects.toThrow('broker unavailable');
    expect(statements.some((sql) => sql.startsWith('UPDATE outbox'))).toBe(false);
  });
});
