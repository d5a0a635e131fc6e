import { Module } from '@nestjs/common';
import { ApiCredentialRepository } from '@app/persistence';
import { AuditModule } from '../audit/audit.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { OrgStoreModule } from '../org-store';
import { ApiCredentialsController } from './api-credentials.controller';
import { ApiCredentialsService } from './api-credentials.service';

/** The admin API of API credentials (`/api/credentials`); every app verifies them through AccessModule. */
@Module({
  imports: [OrgStoreModule, AuditModule, EnterprisesModule],
  controllers: [ApiCredentialsController],
  providers: [ApiCredentialRepository, ApiCredentialsService],
})
export class ApiCredentialsModule {}
