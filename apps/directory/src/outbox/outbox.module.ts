import { Module } from '@nestjs/common';
import { OutboxListener } from './outbox-listener';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';

/** Publishes the transactional outbox to Kafka. Needs the app's DataSource, MessagePublisher and Registry. */
@Module({ providers: [OutboxListener, OutboxRelay, OutboxRepository], exports: [OutboxRelay] })
export class OutboxModule {}
