import { Injectable } from '@nestjs/common';
import { isIdpId } from '@app/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { Idp } from '@app/persistence';

export class IdpNotFoundError extends Error {
  constructor(idpId: string) {
    super(`IdP ${idpId} not found`);
  }
}

/**
 * The `idp` table, through its TypeORM entity (the row type). Every method takes an optional `manager`:
 * pass the transaction's to read and write inside it.
 */
@Injectable()
export class IdpRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every IdP, oldest first. */
  list(): Promise<Idp[]> {
    return this.db()
      .getRepository(Idp)
      .find({ order: { createdAt: 'ASC' } });
  }

  /** The IdPs of one enterprise, oldest first. */
  listByEnterprise(enterpriseId: string): Promise<Idp[]> {
    return this.db()
      .getRepository(Idp)
      .find({ where: { enterpriseId }, order: { createdAt: 'ASC' } });
  }

  /** The IdP, or null (also for an id that is not a uuid); `lock` holds its row until the transaction ends. */
  async find(idpId: string, manager?: EntityManager, lock = false): Promise<Idp | null> {
    if (!isIdpId(idpId)) return null;
    return this.db(manager)
      .getRepository(Idp)
      .findOne({ where: { id: idpId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** `find` that throws IdpNotFoundError. */
  async get(idpId: string, manager?: EntityManager, lock = false): Promise<Idp> {
    const idp = await this.find(idpId, manager, lock);
    if (!idp) throw new IdpNotFoundError(idpId);
    return idp;
  }

  /**
   * Inserts an IdP. Its credentials are sealed for its id, which the database generates: the row is
   * written first, then sealed by `seal(id)`.
   */
  async insert(manager: EntityManager, fields: Partial<Idp>, seal: (idpId: string) => string): Promise<Idp> {
    const repository = manager.getRepository(Idp);
    const saved = await repository.save(repository.create({ ...fields, sealedCredentials: 'pending' }));
    saved.sealedCredentials = seal(saved.id);
    return repository.save(saved);
  }

  /** Writes the changed fields; the entity's version grows. */
  save(manager: EntityManager, idp: Idp): Promise<Idp> {
    return manager.getRepository(Idp).save(idp);
  }

  async delete(manager: EntityManager, idpId: string): Promise<void> {
    await manager.getRepository(Idp).delete({ id: idpId });
  }

  private db(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }
}
