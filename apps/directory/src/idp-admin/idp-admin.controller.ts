import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
  UsePipes,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '@app/platform';
import { IdpAdminService } from './idp-admin.service';
import { CreateIdpDto, UpdateIdpDto } from './idp.dto';
import { IdpView } from './idp-view';
import { adminValidationPipe } from './validation.pipe';

@ApiTags('idps')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@UsePipes(adminValidationPipe())
@Controller('api/idps')
export class IdpAdminController {
  constructor(private readonly idps: IdpAdminService) {}

  @Post()
  @ApiOkResponse({ type: IdpView })
  create(@Body() input: CreateIdpDto): Promise<IdpView> {
    return this.idps.create(input);
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
  @ApiOkResponse({ type: IdpView })
  update(@Param('idpId') idpId: string, @Body() input: UpdateIdpDto): Promise<IdpView> {
    return this.idps.update(idpId, input);
  }

  @Delete(':idpId')
  @HttpCode(200)
  @ApiQuery({
    name: 'confirm',
    required: false,
    description: 'true removes the directory data of the IdP with it',
  })
  @ApiConflictResponse({ description: 'not confirmed: says what would be removed' })
  remove(@Param('idpId') idpId: string, @Query('confirm') confirm?: string) {
    return this.idps.remove(idpId, confirm === 'true');
  }
}
