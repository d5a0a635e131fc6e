import { Controller, Get, Header } from '@nestjs/common';
import type { JWK } from 'jose';
import { SigningKeysService } from './signing-keys.service';

/** Max-age of the JWKS in relying parties' caches; keys are published well before they sign (see the ring). */
export const JWKS_MAX_AGE_S = 300;

@Controller()
export class SessionKeysController {
  constructor(private readonly keys: SigningKeysService) {}

  /** The public keys that verify SASE sessions (RFC 7517), for relying parties that hold no secret of ours. */
  @Get('.well-known/jwks.json')
  @Header('cache-control', `public, max-age=${JWKS_MAX_AGE_S}`)
  @Header('content-type', 'application/jwk-set+json')
  jwks(): { keys: JWK[] } {
    return this.keys.jwks();
  }
}
