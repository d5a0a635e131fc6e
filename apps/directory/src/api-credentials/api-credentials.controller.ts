import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  UsePipes,
} from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Actor, ApiCredential } from '@app/persistence';
import { CurrentActor, RequiresRole } from '@app/platform';
import { adminValidationPipe } from '../idp-admin/validation.pipe';
import { CreateApiCredentialDto } from './api-credential.dto';
import { ApiCredentialsService } from './api-credentials.service';

/** API credentials: admins only. */
@ApiTags('credentials')
@RequiresRole('admin')
@UsePipes(adminValidationPipe())
@Controller('api/credentials')
export class ApiCredentialsController {
  constructor(private readonly credentials: ApiCredentialsService) {}

  @Post()
  @ApiCreatedResponse({ description: 'the credential and its secret (`lsk_…`), shown this once only' })
  create(
    @CurrentActor() actor: Actor,
    @Body() input: CreateApiCredentialDto,
  ): Promise<ApiCredential & { secret: string }> {
    return this.credentials.create(actor, input);
  }

  @Get()
  list(): Promise<ApiCredential[]> {
    return this.credentials.list();
  }

  @Delete(':credentialId')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'already revoked' })
  revoke(
    @CurrentActor() actor: Actor,
    @Param('credentialId', ParseUUIDPipe) credentialId: string,
  ): Promise<ApiCredential> {
    return this.credentials.revoke(actor, credentialId);
  }
}
