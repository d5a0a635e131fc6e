import { Alert, Button, Card, Descriptions, message, Space, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { LoadState, useLoad } from '../load';
import { Link } from '../router';
import { ACTIVE_STATUSES, SyncRun } from '../types';
import { RunCounts, RunStatusTag } from './run-status';

type Pending = NonNullable<SyncRun['pendingDeactivations']>[number];

/** One run, polled every 2 s while it is queued or running; a held run can be approved or rejected here. */
export function SyncRunPage({ runId }: { runId: string }) {
  const { t, language } = useI18n();
  const [deciding, setDeciding] = useState<'approve' | 'reject'>();
  const [state, reload] = useLoad(() => api<SyncRun>('GET', `/sync-runs/${runId}`), [runId], {
    everyMs: 2000,
    keepPolling: (run) => ACTIVE_STATUSES.includes(run.status),
  });
  const decide = async (decision: 'approve' | 'reject') => {
    setDeciding(decision);
    try {
      await api('POST', `/sync-runs/${runId}/${decision}`);
      reload();
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setDeciding(undefined);
    }
  };
  return (
    <LoadState state={state} reload={reload}>
      {(run) => (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('runs.title')} <RunStatusTag status={run.status} />
          </Typography.Title>
          <Link to={`/idps/${run.idpId}/runs`}>{t('idps.runs')}</Link>
          {ACTIVE_STATUSES.includes(run.status) && (
            <Card>
              <Space>
                <Spin />
                <Typography.Text type="secondary">{t('runs.live')}</Typography.Text>
              </Space>
            </Card>
          )}
          <Descriptions bordered column={1} size="small">
            <Descriptions.Item label={t('runs.requestedAt')}>
              {new Date(run.requestedAt).toLocaleString(language)}
            </Descriptions.Item>
            <Descriptions.Item label={t('runs.trigger')}>{run.trigger}</Descriptions.Item>
            <Descriptions.Item label={t('runs.phase')}>
              {Object.entries(run.progress)
                .map(([name, value]) => `${name}: ${value}`)
                .join(' · ') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('runs.changes')}>
              <RunCounts run={run} />
            </Descriptions.Item>
            <Descriptions.Item label={t('runs.duration')}>
              {run.durationMs === null ? '—' : `${(run.durationMs / 1000).toFixed(1)} s`}
            </Descriptions.Item>
          </Descriptions>
          {run.status === 'held' && (
            <Card title={t('runs.pending')}>
              <Alert type="warning" showIcon message={t('runs.heldExplained')} style={{ marginBottom: 16 }} />
              <Table<Pending>
                rowKey="entityId"
                size="small"
                dataSource={run.pendingDeactivations ?? []}
                pagination={{ pageSize: 20 }}
                columns={[
                  { title: t('runs.entity'), dataIndex: 'entity' },
                  { title: t('runs.entityName'), dataIndex: 'name' },
                  { title: 'ID', dataIndex: 'entityId' },
                ]}
              />
              <Space style={{ marginTop: 16 }}>
                <Button
                  type="primary"
                  loading={deciding === 'approve'}
                  onClick={() => void decide('approve')}
                >
                  {t('runs.approve')}
                </Button>
                <Button danger loading={deciding === 'reject'} onClick={() => void decide('reject')}>
                  {t('runs.reject')}
                </Button>
              </Space>
            </Card>
          )}
          <Card title={t('runs.errors')}>
            {run.errors.length === 0 ? (
              <Typography.Text type="secondary">{t('runs.noErrors')}</Typography.Text>
            ) : (
              <Table
                rowKey={(_, index) => String(index)}
                size="small"
                pagination={false}
                dataSource={run.errors}
                columns={[
                  { title: t('runs.errorCode'), render: (_, error) => error.code ?? '—' },
                  { title: t('runs.errorMessage'), dataIndex: 'message' },
                ]}
              />
            )}
          </Card>
        </Space>
      )}
    </LoadState>
  );
}
