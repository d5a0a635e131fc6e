import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { generateEnterpriseIdentifier } from '@app/contracts';
import { Actor, AuditRecordRepository } from '@app/persistence';
import { DirectoryEnv } from '../config/directory.config';
import { IdpRepository } from '../org-store';
import { IdpView, toIdpView } from '../idp-admin/idp-view';
import { CreateEnterpriseDto, UpdateEnterpriseDto } from './enterprise.dto';
import { Enterprise, EnterpriseRepository } from './enterprise.repository';
import { EnterpriseView, toEnterpriseView } from './enterprise-view';

const UNIQUE_VIOLATION = '23505';
const IDENTIFIER_ATTEMPTS = 5;

/** What the audit trail keeps of an enterprise: everything but its identifier, which is handed to its users only. */
function audited(enterprise: Enterprise) {
  const { authIdentifier: _identifier, ...rest } = toEnterpriseView(enterprise);
  return rest;
}

const isUniqueViolation = (error: unknown, constraint: string) =>
  error instanceof QueryFailedError &&
  (error as QueryFailedError & { code?: string; constraint?: string }).code === UNIQUE_VIOLATION &&
  (error as QueryFailedError & { constraint?: string }).constraint === constraint;

/** Enterprises and their authentication identifiers; every change audited in its transaction. */
@Injectable()
export class EnterpriseAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enterprises: EnterpriseRepository,
    private readonly idps: IdpRepository,
    private readonly audit: AuditRecordRepository,
    private readonly config: DirectoryEnv,
  ) {}

  async list(): Promise<EnterpriseView[]> {
    return (await this.enterprises.list()).map(toEnterpriseView);
  }

  async get(id: string): Promise<EnterpriseView> {
    return toEnterpriseView(await this.find(id));
  }

  async listIdps(id: string): Promise<IdpView[]> {
    await this.find(id);
    return (await this.idps.listByEnterprise(id)).map((idp) => toIdpView(idp, this.config.PUBLIC_BASE_URL));
  }

  async create(actor: Actor, input: CreateEnterpriseDto): Promise<EnterpriseView> {
    return this.withFreshIdentifier((authIdentifier) =>
      this.dataSource.transaction(async (manager) => {
        const enterprise = await this.enterprises.insert(manager, {
          name: input.name,
          authIdentifier,
          redirectSchemes: unique(input.redirectSchemes ?? []),
        });
        await this.audit.append(manager, actor, {
          action: 'enterprise.created',
          targetId: enterprise.id,
          after: audited(enterprise),
        });
        return toEnterpriseView(enterprise);
      }),
    );
  }

  async update(actor: Actor, id: string, input: UpdateEnterpriseDto): Promise<EnterpriseView> {
    return this.naming(() =>
      this.dataSource.transaction(async (manager) => {
        const before = await this.find(id, manager);
        const after = await this.enterprises.update(manager, id, {
          name: input.name,
          redirectSchemes: input.redirectSchemes && unique(input.redirectSchemes),
        });
        await this.audit.append(manager, actor, {
          action: 'enterprise.updated',
          targetId: id,
          before: audited(before),
          after: audited(after),
        });
        return toEnterpriseView(after);
      }),
    );
  }

  /** A new identifier; the old one names nothing from the commit on. */
  async regenerateIdentifier(actor: Actor, id: string): Promise<EnterpriseView> {
    return this.withFreshIdentifier((authIdentifier) =>
      this.dataSource.transaction(async (manager) => {
        await this.find(id, manager);
        const after = await this.enterprises.update(manager, id, { authIdentifier });
        await this.audit.append(manager, actor, {
          action: 'enterprise.identifier-regenerated',
          targetId: id,
          after: audited(after),
        });
        return toEnterpriseView(after);
      }),
    );
  }

  private async find(id: string, manager?: EntityManager): Promise<Enterprise> {
    const enterprise = await this.enterprises.find(id, manager, manager !== undefined);
    if (!enterprise) throw new NotFoundException(`enterprise ${id} not found`);
    return enterprise;
  }

  /** 50 random bits collide with another enterprise's about never; if they do, draw again. */
  private async withFreshIdentifier<T>(work: (identifier: string) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.naming(() => work(generateEnterpriseIdentifier()));
      } catch (error) {
        if (!isUniqueViolation(error, 'enterprise_auth_identifier_key') || attempt >= IDENTIFIER_ATTEMPTS)
          throw error;
      }
    }
  }

  private async naming<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, 'enterprise_name_key'))
        throw new ConflictException('an enterprise with this name already exists');
      throw error;
    }
  }
}

const unique = (values: string[]) => [...new Set(values)];
