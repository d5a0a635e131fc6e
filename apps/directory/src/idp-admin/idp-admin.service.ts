import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { ChangeOp, IdpState } from '@app/contracts';
import { DEFAULT_FIELD_MAPPING } from '@app/directory-domain';
import {
  Actor,
  AuditRecordRepository,
  Idp,
  IdpCredentials,
  openCredentials,
  OrgScope,
  sealCredentials,
  SecretBox,
} from '@app/persistence';
import { DirectoryEnv } from '../config/directory.config';
import { IdpRepository, OrgReader, OrgWriter } from '../org-store';
import { EnterpriseRepository } from '../enterprises/enterprise.repository';
import { CreateIdpDto, ScopeDto, UpdateIdpDto } from './idp.dto';
import { IdpView, toIdpView } from './idp-view';
import { invalidInput } from './validation.pipe';

const CREDENTIAL_FIELDS = ['appId', 'appSecret', 'encryptKey', 'verificationToken'] as const;

/**
 * IdP configuration: secrets sealed with SecretBox; status, field mapping and scope changes published as `idp`
 * changes; each change audited in its transaction (secrets by field name only).
 */
@Injectable()
export class IdpAdminService {
  private readonly box: SecretBox;

  constructor(
    private readonly dataSource: DataSource,
    private readonly idps: IdpRepository,
    private readonly reader: OrgReader,
    private readonly writer: OrgWriter,
    private readonly config: DirectoryEnv,
    private readonly audit: AuditRecordRepository,
    private readonly enterprises: EnterpriseRepository,
  ) {
    this.box = new SecretBox(config.masterKeys);
  }

  async list(): Promise<IdpView[]> {
    return (await this.idps.list()).map((idp) => this.view(idp));
  }

  async get(idpId: string): Promise<IdpView> {
    return this.view(await this.find(idpId));
  }

  async create(actor: Actor, input: CreateIdpDto): Promise<IdpView> {
    return this.saving(() =>
      this.dataSource.transaction(async (manager) => {
        const fields = {
          ...settings(input),
          enterpriseId: await this.enterpriseOf(input, manager),
          fieldMapping: input.fieldMapping ?? { ...DEFAULT_FIELD_MAPPING },
        };
        const credentials = { encryptKey: null, ...pickCredentials(input) } as IdpCredentials;
        const sealed = await this.idps.insert(manager, fields, (id) =>
          sealCredentials(this.box, id, credentials),
        );
        await this.publish(manager, 'created', null, sealed);
        const view = this.view(sealed);
        await this.audit.append(manager, actor, {
          action: 'idp.created',
          idpId: sealed.id,
          after: view,
          details: { credentialFieldsSet: credentialFieldsIn(input) },
        });
        return view;
      }),
    );
  }

  async update(actor: Actor, idpId: string, input: UpdateIdpDto): Promise<IdpView> {
    return this.saving(() =>
      this.dataSource.transaction(async (manager) => {
        const idp = await this.find(idpId, manager, true);
        const before = idpState(idp);
        const viewBefore = this.view(idp);
        Object.assign(idp, settings(input));
        if (input.fieldMapping) idp.fieldMapping = input.fieldMapping;
        if (CREDENTIAL_FIELDS.some((field) => input[field] !== undefined)) {
          idp.sealedCredentials = sealCredentials(this.box, idp.id, {
            ...openCredentials(this.box, idp),
            ...pickCredentials(input),
          });
        }
        const saved = await this.idps.save(manager, idp);
        if (JSON.stringify(idpState(saved)) !== JSON.stringify(before))
          await this.publish(manager, 'updated', before, saved);
        const view = this.view(saved);
        await this.audit.append(manager, actor, {
          action: viewBefore.status !== 'closed' && view.status === 'closed' ? 'idp.closed' : 'idp.updated',
          idpId,
          before: viewBefore,
          after: view,
          details: { credentialFieldsChanged: credentialFieldsIn(input) },
        });
        return view;
      }),
    );
  }

  /** Counts what a delete would remove; removes it (and the IdP) only when confirmed. */
  async remove(
    actor: Actor,
    idpId: string,
    confirmed: boolean,
  ): Promise<{ deleted: true; departments: number; users: number }> {
    return this.dataSource.transaction(async (manager) => {
      const idp = await this.find(idpId, manager, true);
      const { departments, users } = await this.reader.count(idpId, manager);
      if (!confirmed) {
        throw new ConflictException(
          `deleting IdP ${idp.name} removes its directory data (${departments} departments, ${users} users); repeat the request with ?confirm=true`,
        );
      }
      await this.writer.removeOrg(manager, idpId);
      await this.publish(manager, 'deleted', idpState(idp), {
        ...idp,
        status: 'closed',
        version: idp.version + 1,
      });
      await this.idps.delete(manager, idpId);
      await this.audit.append(manager, actor, {
        action: 'idp.deleted',
        idpId,
        before: this.view(idp),
        details: { departments, users },
      });
      return { deleted: true, departments, users };
    });
  }

  private async enterpriseOf(input: CreateIdpDto, manager: EntityManager): Promise<string> {
    if (input.enterpriseId === undefined) return this.enterprises.defaultId(manager);
    if (await this.enterprises.find(input.enterpriseId, manager)) return input.enterpriseId;
    throw invalidInput([{ field: 'enterpriseId', problems: ['no enterprise with this id'] }]);
  }

  private async find(idpId: string, manager?: EntityManager, lock = false): Promise<Idp> {
    const idp = await this.idps.find(idpId, manager, lock);
    if (!idp) throw new NotFoundException(`IdP ${idpId} not found`);
    return idp;
  }

  private async publish(
    manager: EntityManager,
    op: ChangeOp,
    before: IdpState | null,
    idp: Idp,
  ): Promise<void> {
    await this.writer.applyIdpChange(
      manager,
      idp.id,
      { op, before, after: idpState(idp), version: idp.version },
      { kind: 'admin' },
    );
  }

  private async saving<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error as { code?: string } & QueryFailedError).code === '23505'
      ) {
        throw new ConflictException('an IdP with this name already exists');
      }
      throw error;
    }
  }

  private view(idp: Idp): IdpView {
    return toIdpView(idp, this.config.PUBLIC_BASE_URL);
  }
}

function idpState(idp: Idp): IdpState {
  return { idpId: idp.id, status: idp.status, fieldMapping: idp.fieldMapping };
}

function credentialFieldsIn(input: UpdateIdpDto): (typeof CREDENTIAL_FIELDS)[number][] {
  return CREDENTIAL_FIELDS.filter((field) => input[field] !== undefined);
}

/** Only the secrets given: the others keep their sealed value on update. */
function pickCredentials(input: UpdateIdpDto): Partial<IdpCredentials> {
  return Object.fromEntries(credentialFieldsIn(input).map((field) => [field, input[field]]));
}

function settings(input: UpdateIdpDto): Partial<Idp> {
  const { name, description, status, platform, autoSync, syncUserInfo, syncIntervalHours, deletionGuard } =
    input;
  const picked: Partial<Idp> = {
    name,
    description,
    status,
    platform,
    autoSync,
    syncUserInfo,
    syncIntervalHours,
    deletionGuard,
  };
  if (input.scope) picked.scope = normaliseScope(input.scope);
  return Object.fromEntries(Object.entries(picked).filter(([, value]) => value !== undefined));
}

function normaliseScope(scope: ScopeDto): OrgScope {
  if (scope.mode === 'all') return { mode: 'all' };
  const departmentIds = [...new Set(scope.departmentIds ?? [])];
  const groupIds = [...new Set(scope.groupIds ?? [])];
  if (departmentIds.length + groupIds.length === 0) {
    throw invalidInput([
      { field: 'scope', problems: ['a partial scope needs at least one department or user group'] },
    ]);
  }
  return { mode: 'partial', departmentIds, groupIds };
}
