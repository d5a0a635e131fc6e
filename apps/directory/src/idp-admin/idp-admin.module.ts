import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { OrgStoreModule } from '../org-store';
import { DirectoryQueryController } from './directory-query.controller';
import { IdpAdminController } from './idp-admin.controller';
import { IdpAdminService } from './idp-admin.service';

/** The admin API under /api: IdP configuration and the read API over the org tree. Needs DirectoryEnv provided. */
@Module({
  imports: [OrgStoreModule, AuditModule, EnterprisesModule],
  controllers: [IdpAdminController, DirectoryQueryController],
  providers: [IdpAdminService],
})
export class IdpAdminModule {}
