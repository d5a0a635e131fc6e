import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
} from 'class-validator';
import { CREDENTIAL_ROLES, CredentialRole } from '@app/persistence';

export class CreateApiCredentialDto {
  @ApiProperty({ example: 'sase-policy-engine', description: '2–100 letters, digits, . - _ and spaces' })
  @IsString({ message: 'name is required' })
  @Matches(/^[\p{L}\p{N}._ -]{2,100}$/u, { message: 'name must be 2–100 letters, digits, . - _ or spaces' })
  name!: string;

  @ApiProperty({ enum: CREDENTIAL_ROLES })
  @IsIn(CREDENTIAL_ROLES, { message: `role must be one of ${CREDENTIAL_ROLES.join(', ')}` })
  role!: CredentialRole;

  @ApiPropertyOptional({ type: [String], description: 'limit it to these IdPs; absent: every IdP' })
  @IsOptional()
  @IsArray({ message: 'idpIds must be a list of IdP ids' })
  @ArrayMinSize(1, { message: 'idpIds must name at least one IdP (leave it out for every IdP)' })
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'idpIds must hold IdP ids (UUIDs)' })
  idpIds?: string[];

  @ApiPropertyOptional({
    description: "limit it to this enterprise's IdPs, including those added later; not with idpIds",
  })
  @IsOptional()
  @IsUUID('all', { message: 'enterpriseId must be an enterprise id' })
  enterpriseId?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 time after which it is refused; absent: never expires' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'expiresAt must be an ISO 8601 time' })
  expiresAt?: string;
}
