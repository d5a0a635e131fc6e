import { LarkApiError, LarkTransportError } from '@app/lark';

/** A run's error as recorded in `sync_run.errors` and returned by the API: Lark's code and endpoint when it has them. */
export function describeError(error: unknown): { message: string; code?: number; endpoint?: string } {
  if (error instanceof LarkApiError)
    return { message: error.message, code: error.code, endpoint: error.endpoint };
  if (error instanceof LarkTransportError) return { message: error.message, endpoint: error.endpoint };
  return { message: error instanceof Error ? error.message : String(error) };
}
