import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  ValidationArguments,
  registerDecorator,
} from 'class-validator';
import { isMappableLarkField } from '@app/directory-domain';

const NAME = /^[\p{Script=Han}A-Za-z0-9_-]{2,100}$/u;
const SASE_ATTRIBUTE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** fieldMapping: SASE attribute name → Lark user field (a DirectoryUser field or `custom:<attrId>`). */
function IsFieldMapping() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isFieldMapping',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.entries(value).every(
            ([attr, field]) =>
              SASE_ATTRIBUTE.test(attr) && typeof field === 'string' && isMappableLarkField(field),
          ),
        defaultMessage: (_args?: ValidationArguments) =>
          'must map SASE attribute names (letters, digits, _ . -) to Lark user fields (e.g. email, jobTitle, custom:<attrId>)',
      },
    });
}

export class ScopeDto {
  @ApiProperty({ enum: ['all', 'partial'] })
  @IsIn(['all', 'partial'], { message: 'mode must be all or partial' })
  mode!: 'all' | 'partial';

  @ApiPropertyOptional({
    type: [String],
    description: 'open_department_ids; each includes its sub-departments',
  })
  @IsOptional()
  @IsArray({ message: 'departmentIds must be a list of department ids' })
  @ArrayMaxSize(1000)
  @IsString({ each: true, message: 'departmentIds must hold department id strings' })
  @IsNotEmpty({ each: true, message: 'departmentIds must not hold empty ids' })
  departmentIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'user group ids' })
  @IsOptional()
  @IsArray({ message: 'groupIds must be a list of user group ids' })
  @ArrayMaxSize(1000)
  @IsString({ each: true, message: 'groupIds must hold group id strings' })
  @IsNotEmpty({ each: true, message: 'groupIds must not hold empty ids' })
  groupIds?: string[];
}

export class DeletionGuardDto {
  @ApiProperty({
    minimum: 0,
    maximum: 100,
    description: 'largest share of users a full sync may remove without approval',
  })
  @IsInt({ message: 'maxPercent must be an integer' })
  @Min(0, { message: 'maxPercent must be at least 0' })
  @Max(100, { message: 'maxPercent must be at most 100' })
  maxPercent!: number;

  @ApiProperty({ minimum: 0, description: 'largest number of users a full sync may remove without approval' })
  @IsInt({ message: 'maxCount must be an integer' })
  @Min(0, { message: 'maxCount must be at least 0' })
  maxCount!: number;
}

export class CreateIdpDto {
  @ApiProperty({ example: '飞书-HQ', description: '2–100 Chinese characters, letters, digits, - and _' })
  @IsString({ message: 'name is required' })
  @Matches(NAME, { message: 'name must be 2–100 Chinese characters, letters, digits, - or _' })
  name!: string;

  @ApiPropertyOptional({ description: 'the enterprise it belongs to; the default enterprise when left out' })
  @IsOptional()
  @IsUUID('all', { message: 'enterpriseId must be an enterprise id' })
  enterpriseId?: string;

  @ApiPropertyOptional({ description: 'the logon title shown in the client' })
  @IsOptional()
  @IsString({ message: 'description must be text' })
  @MaxLength(500, { message: 'description must be at most 500 characters' })
  description?: string;

  @ApiPropertyOptional({ enum: ['enabled', 'closed'] })
  @IsOptional()
  @IsIn(['enabled', 'closed'], { message: 'status must be enabled or closed' })
  status?: 'enabled' | 'closed';

  @ApiProperty({ writeOnly: true, example: 'cli_a1b2c3' })
  @IsString({ message: 'appId is required' })
  @Matches(/^cli_[A-Za-z0-9]+$/, { message: 'appId must be a Lark App ID (cli_…)' })
  appId!: string;

  @ApiProperty({ writeOnly: true })
  @IsString({ message: 'appSecret is required' })
  @Matches(/^\S{8,256}$/, { message: 'appSecret must be 8–256 characters without spaces' })
  appSecret!: string;

  @ApiPropertyOptional({
    writeOnly: true,
    description: 'optional but recommended: events are encrypted and signed',
  })
  @IsOptional()
  @IsString({ message: 'encryptKey must be text' })
  @Matches(/^\S{1,256}$/, { message: 'encryptKey must be 1–256 characters without spaces' })
  encryptKey?: string;

  @ApiProperty({ writeOnly: true })
  @IsString({ message: 'verificationToken is required' })
  @Matches(/^\S{1,256}$/, { message: 'verificationToken must be 1–256 characters without spaces' })
  verificationToken!: string;

  @ApiPropertyOptional({ enum: ['feishu', 'lark'] })
  @IsOptional()
  @IsIn(['feishu', 'lark'], { message: 'platform must be feishu or lark' })
  platform?: 'feishu' | 'lark';

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'autoSync must be true or false' })
  autoSync?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'syncUserInfo must be true or false' })
  syncUserInfo?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 24 })
  @IsOptional()
  @IsInt({ message: 'syncIntervalHours must be an integer' })
  @Min(1, { message: 'syncIntervalHours must be between 1 and 24' })
  @Max(24, { message: 'syncIntervalHours must be between 1 and 24' })
  syncIntervalHours?: number;

  @ApiPropertyOptional({ type: ScopeDto })
  @IsOptional()
  @IsObject({ message: 'scope must be an object' })
  @ValidateNested()
  @Type(() => ScopeDto)
  scope?: ScopeDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { email: 'email', costCenter: 'custom:C-1' },
  })
  @IsOptional()
  @IsFieldMapping()
  fieldMapping?: Record<string, string>;

  @ApiPropertyOptional({ type: DeletionGuardDto })
  @IsOptional()
  @IsObject({ message: 'deletionGuard must be an object' })
  @ValidateNested()
  @Type(() => DeletionGuardDto)
  deletionGuard?: DeletionGuardDto;
}

/** Every field optional; secrets left out keep their sealed value. An IdP stays in its enterprise. */
export class UpdateIdpDto extends PartialType(OmitType(CreateIdpDto, ['enterpriseId'] as const)) {}
