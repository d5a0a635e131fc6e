import { RpcException } from '@nestjs/microservices';
import { IHeaders } from 'kafkajs';

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: IHeaders;
  timestamp: string;
}

/** What a batch handler receives: messages of one topic, in offset order within each partition. */
export interface ConsumedBatch {
  topic: string;
  messages: ConsumedMessage[];
}

interface PoisonDetail {
  kind: 'poison';
  reason: string;
}

/**
 * A message that can never be processed (bad payload, unknown type). Handlers throw it so the
 * message goes to the dead-letter topic; any other error is transient and the batch is retried.
 * It is an RpcException because Nest's RPC exception filter passes only those through intact.
 */
export class PoisonMessageError extends RpcException {
  constructor(readonly reason: string) {
    super({ kind: 'poison', reason } satisfies PoisonDetail);
    this.name = 'PoisonMessageError';
  }
}

/** The reason of a poison-message failure, as thrown by a handler or as it comes out of Nest's filter. */
export function poisonReason(error: unknown): string | undefined {
  if (error instanceof PoisonMessageError) return error.reason;
  const detail = error as Partial<PoisonDetail> | null;
  return typeof detail === 'object' && detail?.kind === 'poison' ? detail.reason : undefined;
}
