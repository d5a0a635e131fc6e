import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, ValidateNested } from 'class-validator';
import { ScopeDto } from '../idp-admin/idp.dto';

/** A connectivity test on values typed in the console, before anything is saved. Nothing of it is stored. */
export class TypedConnectivityTestDto {
  @ApiProperty({ example: 'cli_a1b2c3' })
  @IsString({ message: 'appId is required' })
  @Matches(/^cli_[A-Za-z0-9]+$/, { message: 'appId must be a Lark App ID (cli_…)' })
  appId!: string;

  @ApiPropertyOptional({ writeOnly: true, description: 'empty with idpId: the secret saved for that IdP' })
  @IsOptional()
  @IsString({ message: 'appSecret must be text' })
  @Matches(/^(\S{8,256})?$/, { message: 'appSecret must be 8–256 characters without spaces' })
  appSecret?: string;

  @ApiPropertyOptional({ enum: ['feishu', 'lark'] })
  @IsOptional()
  @IsIn(['feishu', 'lark'], { message: 'platform must be feishu or lark' })
  platform?: 'feishu' | 'lark';

  @ApiPropertyOptional({
    description: 'the IdP being edited: its saved secret and scope fill what is not typed',
  })
  @IsOptional()
  @IsUUID('all', { message: 'idpId must be an IdP id' })
  idpId?: string;

  @ApiPropertyOptional({ type: ScopeDto })
  @IsOptional()
  @IsObject({ message: 'scope must be an object' })
  @ValidateNested()
  @Type(() => ScopeDto)
  scope?: ScopeDto;
}
