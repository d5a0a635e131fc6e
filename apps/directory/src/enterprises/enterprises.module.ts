import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrgStoreModule } from '../org-store';
import { EnterpriseAdminController } from './enterprise-admin.controller';
import { EnterpriseAdminService } from './enterprise-admin.service';
import { EnterpriseRepository } from './enterprise.repository';

/** The admin API of enterprises under /api/enterprises, and their table for the IdP admin API. */
@Module({
  imports: [OrgStoreModule, AuditModule],
  controllers: [EnterpriseAdminController],
  providers: [EnterpriseAdminService, EnterpriseRepository],
  exports: [EnterpriseRepository],
})
export class EnterprisesModule {}
