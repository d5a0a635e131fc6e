import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UsePipes } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/persistence';
import { CurrentActor, RequiresRole } from '@app/platform';
import { IdpAdminService } from './idp-admin.service';
import { CreateIdpDto, UpdateIdpDto } from './idp.dto';
import { IdpView } from './idp-view';
import { adminValidationPipe } from './validation.pipe';

@ApiTags('idps')
@RequiresRole('viewer')
@UsePipes(adminValidationPipe())
@Controller('api/idps')
export class IdpAdminController {
  constructor(private readonly idps: IdpAdminService) {}

  @Post()
  @RequiresRole('admin')
  @ApiOkResponse({ type: IdpView })
  create(@CurrentActor() actor: Actor, @Body() input: CreateIdpDto): Promise<IdpView> {
    return this.idps.create(actor, input);
  }

  @Get()
  @ApiOkResponse({ type: [IdpView] })
  list(): Promise<IdpView[]> {
    return this.idps.list();
  }

  @Get(':idpId')
  @ApiOkResponse({ type: IdpView })
  get(@Param('idpId') idpId: string): Promise<IdpView> {
    return this.idps.get(idpId);
  }

  @Patch(':idpId')
  @RequiresRole('admin')
  @ApiOkResponse({ type: IdpView })
  update(
    @CurrentActor() actor: Actor,
    @Param('idpId') idpId: string,
    @Body() input: UpdateIdpDto,
  ): Promise<IdpView> {
    return this.idps.update(actor, idpId, input);
  }

  @Delete(':idpId')
  @RequiresRole('admin')
  @HttpCode(200)
  @ApiQuery({
    name: 'confirm',
    required: false,
    description: 'true removes the directory data of the IdP with it',
  })
  @ApiConflictResponse({ description: 'not confirmed: says what would be removed' })
  remove(@CurrentActor() actor: Actor, @Param('idpId') idpId: string, @Query('confirm') confirm?: string) {
    return this.idps.remove(actor, idpId, confirm === 'true');
  }
}
