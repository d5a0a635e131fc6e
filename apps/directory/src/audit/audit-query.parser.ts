import { isIdpId } from '@app/contracts';
import type { AuditQuery } from '@app/persistence';
import type { FieldProblem } from '../idp-admin/validation.pipe';

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 500;

export interface AuditQueryParams {
  idpId?: string;
  actor?: string;
  since?: string;
  cursor?: string;
  limit?: string;
}

/** `GET /api/audit`'s query string as a repository query, or the problems of each bad parameter. */
export function parseAuditQuery(params: AuditQueryParams): AuditQuery | FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, problems: [message] });
  if (params.idpId !== undefined && !isIdpId(params.idpId)) problem('idpId', 'must be an IdP id (a UUID)');
  if (params.actor !== undefined && (params.actor.length === 0 || params.actor.length > 200))
    problem('actor', 'must be a credential id or name (1-200 characters)');
  const since = params.since === undefined ? undefined : new Date(params.since);
  if (since && (Number.isNaN(since.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(params.since!)))
    problem('since', 'must be an ISO 8601 time (2026-01-31T00:00:00Z)');
  if (params.cursor !== undefined && !/^[1-9]\d{0,18}$/.test(params.cursor))
    problem('cursor', 'must be the nextCursor of a previous page');
  const limit = params.limit === undefined ? AUDIT_PAGE_DEFAULT : Number(params.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_PAGE_MAX)
    problem('limit', `must be an integer from 1 to ${AUDIT_PAGE_MAX}`);
  if (problems.length > 0) return problems;
  return { idpId: params.idpId, actor: params.actor, since, beforeId: params.cursor, limit };
}
