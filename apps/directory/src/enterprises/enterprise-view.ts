import { ApiProperty } from '@nestjs/swagger';
import { formatEnterpriseIdentifier } from '@app/contracts';
import type { Enterprise } from './enterprise.repository';

/** An enterprise as the admin API returns it; `authIdentifier` is what the admin gives the enterprise's users. */
export class EnterpriseView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({
    description: 'the enterprise authentication identifier users enter in the SASE client: two groups of 5',
    example: 'K3M9Q-7TZ2C',
  })
  authIdentifier!: string;
  @ApiProperty({ type: [String] }) redirectSchemes!: string[];
  @ApiProperty({ description: 'IdPs created without an enterprise join this one' }) isDefault!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export function toEnterpriseView(enterprise: Enterprise): EnterpriseView {
  return {
    id: enterprise.id,
    name: enterprise.name,
    authIdentifier: formatEnterpriseIdentifier(enterprise.authIdentifier),
    redirectSchemes: enterprise.redirectSchemes,
    isDefault: enterprise.isDefault,
    version: enterprise.version,
    createdAt: enterprise.createdAt.toISOString(),
    updatedAt: enterprise.updatedAt.toISOString(),
  };
}
