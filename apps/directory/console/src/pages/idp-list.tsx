import { Badge, Button, Empty, Space, Table, Typography } from 'antd';
import { api } from '../api';
import { useI18n } from '../i18n';
import { LoadState, useLoad } from '../load';
import { Link, navigate } from '../router';
import { Idp, SyncRun } from '../types';
import { RunCounts, RunStatusTag } from './run-status';

interface Row {
  idp: Idp;
  lastRun?: SyncRun;
  heldRun?: SyncRun;
}

async function loadRows(): Promise<Row[]> {
  const idps = await api<Idp[]>('GET', '/idps');
  return Promise.all(
    idps.map(async (idp) => {
      const runs = await api<SyncRun[]>('GET', `/idps/${idp.id}/sync-runs`);
      return {
        idp,
        lastRun: runs.find((run) => !run.dryRun),
        heldRun: runs.find((run) => run.status === 'held'),
      };
    }),
  );
}

/** Every IdP with its last sync (result, when, counts), the next scheduled one and a held run to review. */
export function IdpList() {
  const { t, language } = useI18n();
  const [state, reload] = useLoad(loadRows, []);
  const when = (iso: string | null | undefined) =>
    iso ? new Date(iso).toLocaleString(language) : t('common.never');
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('idps.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => navigate('/idps/new')}>
          {t('idps.create')}
        </Button>
      </Space>
      <LoadState state={state} reload={reload}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty description={t('idps.empty')} />
          ) : (
            <Table<Row>
              rowKey={(row) => row.idp.id}
              dataSource={rows}
              pagination={false}
              columns={[
                {
                  title: t('idps.name'),
                  render: (_, { idp }) => <Link to={`/idps/${idp.id}/runs`}>{idp.name}</Link>,
                },
                {
                  title: t('idps.status'),
                  render: (_, { idp }) => (
                    <Badge
                      status={idp.status === 'enabled' ? 'success' : 'default'}
                      text={t(`idps.status.${idp.status}`)}
                    />
                  ),
                },
                { title: t('idps.platform'), render: (_, { idp }) => idp.platform },
                {
                  title: t('idps.lastSync'),
                  render: (_, { lastRun }) =>
                    lastRun ? (
                      <Space direction="vertical" size={0}>
                        <Space>
                          <RunStatusTag status={lastRun.status} />
                          <Link to={`/sync-runs/${lastRun.id}`}>
                            {when(lastRun.finishedAt ?? lastRun.requestedAt)}
                          </Link>
                        </Space>
                        <Typography.Text type="secondary">
                          <RunCounts run={lastRun} />
                        </Typography.Text>
                      </Space>
                    ) : (
                      t('common.never')
                    ),
                },
                {
                  title: t('idps.nextSync'),
                  render: (_, { idp }) =>
                    idp.autoSync
                      ? t('idps.autoSyncEvery', { hours: idp.syncIntervalHours })
                      : t('idps.autoSyncOff'),
                },
                {
                  title: t('idps.heldRun'),
                  render: (_, { heldRun }) =>
                    heldRun ? <Link to={`/sync-runs/${heldRun.id}`}>{t('idps.review')}</Link> : '—',
                },
                {
                  title: t('idps.actions'),
                  render: (_, { idp }) => (
                    <Space>
                      <Link to={`/idps/${idp.id}/edit`}>{t('idps.edit')}</Link>
                      <Link to={`/idps/${idp.id}/runs`}>{t('idps.runs')}</Link>
                    </Space>
                  ),
                },
              ]}
            />
          )
        }
      </LoadState>
    </>
  );
}
