import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DecryptionVector {
  name: string;
  encrypt_key: string;
  iv_hex: string;
  encrypt: string;
  plaintext: string;
}

export interface SignatureVector {
  name: string;
  timestamp: string;
  nonce: string;
  encrypt_key: string;
  body: string;
  expected_signature: string;
  node_sdk_check_agrees: boolean;
}

export interface LarkVectors {
  decryption: DecryptionVector[];
  signatures: SignatureVector[];
}

/** The shared reference vectors (copied from shared/reference/lark-test-vectors.json). */
export function loadLarkVectors(): LarkVectors {
  return JSON.parse(
    readFileSync(join(__dirname, '..', 'fixtures', 'lark-test-vectors.json'), 'utf8'),
  ) as LarkVectors;
}
