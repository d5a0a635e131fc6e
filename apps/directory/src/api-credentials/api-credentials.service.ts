import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, ApiCredential, ApiCredentialRepository, AuditRecordRepository } from '@app/persistence';
import { issueCredentialSecret } from '@app/platform';
import { IdpRepository } from '../org-store';
import { EnterpriseRepository } from '../enterprises/enterprise.repository';
import { CreateApiCredentialDto } from './api-credential.dto';

/** API credentials: created with a secret shown once (only its SHA-256 is kept), listed, revoked; each audited. */
@Injectable()
export class ApiCredentialsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly credentials: ApiCredentialRepository,
    private readonly idps: IdpRepository,
    private readonly audit: AuditRecordRepository,
    private readonly enterprises: EnterpriseRepository,
  ) {}

  list(): Promise<ApiCredential[]> {
    return this.credentials.list();
  }

  async create(actor: Actor, input: CreateApiCredentialDto): Promise<ApiCredential & { secret: string }> {
    const expiresAt = input.expiresAt === undefined ? null : new Date(input.expiresAt);
    if (expiresAt && expiresAt.getTime() <= Date.now())
      throw new BadRequestException('expiresAt must be in the future');
    const idpIds = input.idpIds ? [...new Set(input.idpIds.map((id) => id.toLowerCase()))] : null;
    for (const idpId of idpIds ?? [])
      if (!(await this.idps.find(idpId))) throw new BadRequestException(`idpIds: IdP ${idpId} not found`);
    const enterpriseId = input.enterpriseId?.toLowerCase() ?? null;
    if (enterpriseId && idpIds)
      throw new BadRequestException('limit a credential to idpIds or to an enterpriseId, not both');
    if (enterpriseId && !(await this.enterprises.find(enterpriseId)))
      throw new BadRequestException(`enterpriseId: enterprise ${enterpriseId} not found`);
    const { id, secret, sha256 } = issueCredentialSecret();
    return this.dataSource.transaction(async (manager) => {
      const credential = await this.credentials.insert(manager, {
        id,
        name: input.name,
        role: input.role,
        idpIds,
        enterpriseId,
        secretSha256: sha256,
        expiresAt,
      });
      await this.audit.append(manager, actor, {
        action: 'credential.created',
        targetId: id,
        after: credential,
      });
      return { ...credential, secret };
    });
  }

  async revoke(actor: Actor, credentialId: string): Promise<ApiCredential> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.credentials.find(credentialId, manager);
      if (!before) throw new NotFoundException(`credential ${credentialId} not found`);
      const revoked = await this.credentials.revoke(manager, credentialId);
      if (!revoked) throw new ConflictException(`credential ${credentialId} was already revoked`);
      await this.audit.append(manager, actor, {
        action: 'credential.revoked',
        targetId: credentialId,
        before,
        after: revoked,
      });
      return revoked;
    });
  }
}
