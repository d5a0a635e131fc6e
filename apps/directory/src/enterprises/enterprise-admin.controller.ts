import { Body, Controller, Get, HttpCode, Param, Patch, Post, UsePipes } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/persistence';
import { CurrentActor, RequiresRole } from '@app/platform';
import { IdpView } from '../idp-admin/idp-view';
import { adminValidationPipe } from '../idp-admin/validation.pipe';
import { CreateEnterpriseDto, UpdateEnterpriseDto } from './enterprise.dto';
import { EnterpriseAdminService } from './enterprise-admin.service';
import { EnterpriseView } from './enterprise-view';

@ApiTags('enterprises')
@RequiresRole('viewer')
@UsePipes(adminValidationPipe())
@Controller('api/enterprises')
export class EnterpriseAdminController {
  constructor(private readonly enterprises: EnterpriseAdminService) {}

  @Get()
  @ApiOkResponse({ type: [EnterpriseView] })
  list(): Promise<EnterpriseView[]> {
    return this.enterprises.list();
  }

  @Post()
  @RequiresRole('admin')
  @ApiOkResponse({ type: EnterpriseView })
  @ApiConflictResponse({ description: 'an enterprise with this name exists' })
  create(@CurrentActor() actor: Actor, @Body() input: CreateEnterpriseDto): Promise<EnterpriseView> {
    return this.enterprises.create(actor, input);
  }

  @Get(':enterpriseId')
  @ApiOkResponse({ type: EnterpriseView })
  get(@Param('enterpriseId') id: string): Promise<EnterpriseView> {
    return this.enterprises.get(id);
  }

  @Patch(':enterpriseId')
  @RequiresRole('admin')
  @ApiOkResponse({ type: EnterpriseView })
  update(
    @CurrentActor() actor: Actor,
    @Param('enterpriseId') id: string,
    @Body() input: UpdateEnterpriseDto,
  ): Promise<EnterpriseView> {
    return this.enterprises.update(actor, id, input);
  }

  @Post(':enterpriseId/identifier/regenerate')
  @RequiresRole('admin')
  @HttpCode(200)
  @ApiOkResponse({
    type: EnterpriseView,
    description: 'the new identifier; the old one stops working at once',
  })
  regenerate(@CurrentActor() actor: Actor, @Param('enterpriseId') id: string): Promise<EnterpriseView> {
    return this.enterprises.regenerateIdentifier(actor, id);
  }

  @Get(':enterpriseId/idps')
  @ApiOkResponse({ type: [IdpView] })
  idps(@Param('enterpriseId') id: string): Promise<IdpView[]> {
    return this.enterprises.listIdps(id);
  }
}
