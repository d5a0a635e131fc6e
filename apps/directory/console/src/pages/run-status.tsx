import { Tag } from 'antd';
import { useI18n } from '../i18n';
import { RunStatus, SyncRun } from '../types';

const COLORS: Record<RunStatus, string> = {
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
  return <Tag color={COLORS[status]}>{t(`runs.status.${status}`)}</Tag>;
}

export function RunCounts({ run }: { run: SyncRun }) {
  const { t } = useI18n();
  const { created = 0, updated = 0, moved = 0, deactivated = 0 } = run.counts;
  return <>{t('runs.counts', { created, updated: updated + moved, deactivated })}</>;
}
