import { Alert, Button, Empty, message, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { LoadState, useLoad } from '../load';
import { Link, navigate } from '../router';
import { ACTIVE_STATUSES, Idp, SyncRun } from '../types';
import { RunCounts, RunStatusTag } from './run-status';

interface DryRun {
  run: SyncRun;
  diff: Record<string, unknown>;
}

/** The runs of one IdP, newest first, refreshed while one is active; run now and dry run. */
export function IdpRuns({ idpId }: { idpId: string }) {
  const { t, language } = useI18n();
  const [busy, setBusy] = useState<'sync' | 'dry'>();
  const [dryRun, setDryRun] = useState<DryRun>();
  const [state, reload] = useLoad(
    async () => ({
      idp: await api<Idp>('GET', `/idps/${idpId}`),
      runs: await api<SyncRun[]>('GET', `/idps/${idpId}/sync-runs`),
    }),
    [idpId],
    { everyMs: 2000, keepPolling: ({ runs }) => runs.some((run) => ACTIVE_STATUSES.includes(run.status)) },
  );
  const runNow = async () => {
    setBusy('sync');
    try {
      const run = await api<SyncRun>('POST', `/idps/${idpId}/sync`);
      navigate(`/sync-runs/${run.id}`);
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setBusy(undefined);
    }
  };
  const runDry = async () => {
    setBusy('dry');
    try {
      setDryRun(await api<DryRun>('POST', `/idps/${idpId}/sync?dryRun=true`));
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <LoadState state={state} reload={reload}>
      {({ idp, runs }) => (
        <>
          <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
            <Typography.Title level={2} style={{ margin: 0 }}>
              {t('runs.listTitle', { name: idp.name })}
            </Typography.Title>
            <Space>
              <Button onClick={() => void runDry()} loading={busy === 'dry'}>
                {t('runs.dryRun')}
              </Button>
              <Button type="primary" onClick={() => void runNow()} loading={busy === 'sync'}>
                {t('runs.runNow')}
              </Button>
            </Space>
          </Space>
          {dryRun && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('runs.dryRunResult')}
              description={
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                  {JSON.stringify(dryRun.diff, null, 2)}
                </pre>
              }
              closable
              onClose={() => setDryRun(undefined)}
            />
          )}
          {runs.length === 0 ? (
            <Empty description={t('runs.empty')} />
          ) : (
            <Table<SyncRun>
              rowKey="id"
              dataSource={runs}
              pagination={{ pageSize: 20 }}
              columns={[
                {
                  title: t('runs.requestedAt'),
                  render: (_, run) => new Date(run.requestedAt).toLocaleString(language),
                },
                { title: t('runs.trigger'), dataIndex: 'trigger' },
                { title: t('idps.status'), render: (_, run) => <RunStatusTag status={run.status} /> },
                { title: t('runs.changes'), render: (_, run) => <RunCounts run={run} /> },
                {
                  title: t('idps.actions'),
                  render: (_, run) => <Link to={`/sync-runs/${run.id}`}>{t('runs.open')}</Link>,
                },
              ]}
            />
          )}
        </>
      )}
    </LoadState>
  );
}
