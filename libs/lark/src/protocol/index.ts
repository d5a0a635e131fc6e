/** Lark webhook protocol: signature, decryption, event parsing and normalisation. Pure functions. */
export * from './lark-protocol.error';
export * from './signature';
export * from './decrypt';
export * from './webhook-body.parser';
export * from './normalise-event';
