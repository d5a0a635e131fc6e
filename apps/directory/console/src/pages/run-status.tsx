import { Badge } from 'antd';
import { useI18n } from '../i18n';
import { RunStatus, SyncRun } from '../types';

type BadgeStatus = 'default' | 'processing' | 'success' | 'error' | 'warning';

// A badge (coloured dot, text in the body colour) rather than a coloured tag, whose text fails WCAG contrast.
const STATUSES: Record<RunStatus, BadgeStatus> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  held: 'warning',
  rejected: 'default',
  superseded: 'default',
};

export function RunStatusTag({ status }: { status: RunStatus }) {
  const { t } = useI18n();
  return (
    <Badge status={STATUSES[status]} text={t(`runs.status.${status}`)} style={{ whiteSpace: 'nowrap' }} />
  );
}

export function RunCounts({ run }: { run: SyncRun }) {
  const { t } = useI18n();
  const { created = 0, updated = 0, moved = 0, deactivated = 0 } = run.counts;
  return <>{t('runs.counts', { created, updated: updated + moved, deactivated })}</>;
}
