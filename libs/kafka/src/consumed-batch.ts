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

/** What a batch handler receives: messages of one partition, in offset order. */
export interface ConsumedBatch {
  topic: string;
  partition: number;
  messages: ConsumedMessage[];
}

/**
 * A message that can never be processed (bad payload, unknown type). Handlers throw it so the
 * message goes to the dead-letter topic; any other error is transient and the batch is retried.
 */
export class PoisonMessageError extends Error {
  constructor(
    message: string,
    readonly offset?: string,
  ) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}
