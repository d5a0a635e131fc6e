import { Injectable } from '@nestjs/common';
import { isIdpId } from '@app/contracts';
import { EntityManager } from 'typeorm';
import type { OrgScope } from '@app/directory-domain';

/** Reads the contact scope an IdP syncs, which decides whether an event's entity is in scope. */
@Injectable()
export class IdpScopeRepository {
  /** The IdP's scope, or null when no IdP has this id (an id that is not a UUID cannot be one). */
  async scopeOf(manager: EntityManager, idpId: string): Promise<OrgScope | null> {
    if (!isIdpId(idpId)) return null;
    const [row] = await manager.query(`SELECT scope FROM idp WHERE id = $1`, [idpId]);
    return row ? (row.scope as OrgScope) : null;
  }
}
