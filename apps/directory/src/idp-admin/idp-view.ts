import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Idp } from '@app/persistence';
import { DeletionGuardDto, ScopeDto } from './idp.dto';

/** An IdP as the admin API returns it: configuration and the URLs for Lark's console, never a secret. */
export class IdpView {
  @ApiProperty() id!: string;
  @ApiProperty() enterpriseId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: ['enabled', 'closed'] }) status!: string;
  @ApiProperty({ enum: ['feishu', 'lark'] }) platform!: string;
  @ApiProperty() autoSync!: boolean;
  @ApiProperty() syncUserInfo!: boolean;
  @ApiProperty() syncIntervalHours!: number;
  @ApiProperty({ type: ScopeDto }) scope!: unknown;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) fieldMapping!: Record<
    string,
    string
  >;
  @ApiProperty({ type: DeletionGuardDto }) deletionGuard!: unknown;
  @ApiPropertyOptional({ nullable: true, type: String }) tenantKey!: string | null;
  @ApiProperty({ description: "enter in Lark's developer console: Events and callbacks → Request URL" })
  requestUrl!: string;
  @ApiProperty({ description: "enter in Lark's developer console: Security settings → Redirect URL" })
  redirectUrl!: string;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export function toIdpView(idp: Idp, publicBaseUrl: string): IdpView {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return {
    id: idp.id,
    enterpriseId: idp.enterpriseId,
    name: idp.name,
    description: idp.description,
    status: idp.status,
    platform: idp.platform,
    autoSync: idp.autoSync,
    syncUserInfo: idp.syncUserInfo,
    syncIntervalHours: idp.syncIntervalHours,
    scope: idp.scope,
    fieldMapping: idp.fieldMapping,
    deletionGuard: idp.deletionGuard,
    tenantKey: idp.tenantKey,
    requestUrl: `${base}/lark/events/${idp.id}`,
    redirectUrl: `${base}/open-dev/feishu`,
    version: idp.version,
    createdAt: idp.createdAt.toISOString(),
    updatedAt: idp.updatedAt.toISOString(),
  };
}
