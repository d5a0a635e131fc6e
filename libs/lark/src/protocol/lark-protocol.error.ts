/** Why a Lark delivery could not be read; each maps to one HTTP answer in the gateway. */
export type LarkProtocolFailure =
  'bad_base64' | 'bad_length' | 'bad_padding' | 'wrong_key' | 'not_json' | 'malformed_event';

/** The only error the protocol functions throw: anything else escaping them is a bug. */
export class LarkProtocolError extends Error {
  constructor(
    readonly reason: LarkProtocolFailure,
    message: string,
  ) {
    super(message);
    this.name = 'LarkProtocolError';
  }
}
