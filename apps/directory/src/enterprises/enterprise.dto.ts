import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, Matches, MaxLength, MinLength, IsOptional } from 'class-validator';

/**
 * A private-use URI scheme (RFC 8252 §7.1): a reverse domain name the enterprise controls, such as
 * `com.example.sase`; never http(s), which loopback redirects cover, nor a scheme a browser acts on itself.
 */
export const REDIRECT_SCHEME = /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+$/;

export class CreateEnterpriseDto {
  @ApiProperty({ description: '2–100 characters' })
  @IsString({ message: 'name must be a string' })
  @MinLength(2, { message: 'name must be 2 to 100 characters' })
  @MaxLength(100, { message: 'name must be 2 to 100 characters' })
  name!: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      "custom URI schemes the enterprise's SASE clients may be sent back to after sign-in, as reverse domain names (com.example.sase); loopback http redirects are always allowed",
  })
  @IsOptional()
  @IsArray({ message: 'redirectSchemes must be a list of URI schemes' })
  @ArrayMaxSize(10, { message: 'redirectSchemes holds at most 10 schemes' })
  @Matches(REDIRECT_SCHEME, {
    each: true,
    message: 'each redirect scheme must be a lower-case reverse domain name such as com.example.sase',
  })
  redirectSchemes?: string[];
}

export class UpdateEnterpriseDto extends PartialType(CreateEnterpriseDto) {}
