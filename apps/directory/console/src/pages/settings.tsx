import {
  Alert,
  Badge,
  Button,
  Card,
  Descriptions,
  message,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { LoadState, useLoad } from '../load';
import { Link } from '../router';
import { Enterprise, Idp } from '../types';

interface EnterpriseWithIdps {
  enterprise: Enterprise;
  idps: Idp[];
}

async function loadEnterprises(): Promise<EnterpriseWithIdps[]> {
  const enterprises = await api<Enterprise[]>('GET', '/enterprises');
  return Promise.all(
    enterprises.map(async (enterprise) => ({
      enterprise,
      idps: await api<Idp[]>('GET', `/enterprises/${enterprise.id}/idps`),
    })),
  );
}

/** The enterprise authentication identifier users type into the SASE client, and the identity sources it offers. */
export function SettingsPage({ canChange }: { canChange: boolean }) {
  const { t } = useI18n();
  const [state, reload] = useLoad(loadEnterprises, []);
  return (
    <>
      <Typography.Title level={2}>{t('settings.title')}</Typography.Title>
      <LoadState state={state} reload={reload}>
        {(entries) => (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            {entries.map((entry) => (
              <EnterpriseCard key={entry.enterprise.id} {...entry} canChange={canChange} onChanged={reload} />
            ))}
          </Space>
        )}
      </LoadState>
    </>
  );
}

function EnterpriseCard({
  enterprise,
  idps,
  canChange,
  onChanged,
}: EnterpriseWithIdps & { canChange: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [regenerating, setRegenerating] = useState(false);
  const [failure, setFailure] = useState<string>();
  const regenerate = async () => {
    setRegenerating(true);
    setFailure(undefined);
    try {
      await api<Enterprise>('POST', `/enterprises/${enterprise.id}/identifier/regenerate`);
      setConfirming(false);
      void message.success(t('settings.regenerated'));
      onChanged();
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setRegenerating(false);
    }
  };
  return (
    <Card title={enterprise.name} data-testid={`enterprise-${enterprise.id}`}>
      <Descriptions column={1} bordered size="middle">
        <Descriptions.Item label={t('settings.identifier')}>
          <Space direction="vertical">
            <Typography.Text
              code
              copyable={{ text: enterprise.authIdentifier, tooltips: [t('common.copy'), t('common.copied')] }}
              style={{ fontSize: 22, letterSpacing: 2 }}
              data-testid="auth-identifier"
            >
              {enterprise.authIdentifier}
            </Typography.Text>
            <Typography.Text type="secondary">{t('settings.identifierHelp')}</Typography.Text>
            {canChange && (
              <Button danger onClick={() => setConfirming(true)}>
                {t('settings.regenerate')}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('settings.redirectSchemes')}>
          {enterprise.redirectSchemes.length === 0
            ? t('settings.loopbackOnly')
            : enterprise.redirectSchemes.map((scheme) => <Tag key={scheme}>{scheme}://</Tag>)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={3} style={{ marginTop: 24 }}>
        {t('settings.identitySources')}
      </Typography.Title>
      <Table<Idp>
        rowKey="id"
        dataSource={idps}
        pagination={false}
        locale={{ emptyText: t('settings.noIdps') }}
        columns={[
          { title: t('idps.name'), render: (_, idp) => <Link to={`/idps/${idp.id}/runs`}>{idp.name}</Link> },
          { title: t('settings.logonTitle'), render: (_, idp) => idp.description || idp.name },
          {
            title: t('settings.offered'),
            render: (_, idp) =>
              idp.status === 'enabled' ? (
                <Badge status="success" text={t('settings.offeredYes')} />
              ) : (
                <Badge status="default" text={t('settings.offeredNo')} />
              ),
          },
        ]}
      />
      <Modal
        open={confirming}
        title={t('settings.regenerateTitle')}
        okText={t('settings.regenerateConfirm')}
        okButtonProps={{ danger: true, loading: regenerating }}
        cancelText={t('common.cancel')}
        onOk={() => void regenerate()}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('settings.regenerateWarning', { identifier: enterprise.authIdentifier })}</p>
        {failure && <Alert type="error" showIcon message={failure} />}
      </Modal>
    </Card>
  );
}
