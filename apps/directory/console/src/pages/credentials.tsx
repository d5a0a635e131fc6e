import {
  Alert,
  Badge,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  message,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { LoadState, useLoad } from '../load';
import { ApiCredential, CREDENTIAL_ROLES, CredentialRole, Enterprise, Idp } from '../types';

type CredentialState = 'active' | 'expired' | 'revoked';

function stateOf(credential: ApiCredential, now = Date.now()): CredentialState {
  if (credential.revokedAt) return 'revoked';
  if (credential.expiresAt && new Date(credential.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

const STATE_BADGE = { active: 'success', expired: 'warning', revoked: 'default' } as const;

interface CreateForm {
  name: string;
  role: CredentialRole;
  idpIds?: string[];
  enterpriseId?: string;
  expiresOn?: Dayjs | null;
}

/** The admin's API credentials: each listed with its state, created with a secret shown once, revoked. */
export function CredentialsPage() {
  const { t, language } = useI18n();
  const [form] = Form.useForm<CreateForm>();
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string>();
  const [created, setCreated] = useState<{ name: string; secret: string }>();
  const [copied, setCopied] = useState(false);
  const [state, reload] = useLoad(
    async () => ({
      credentials: await api<ApiCredential[]>('GET', '/credentials'),
      idps: await api<Idp[]>('GET', '/idps'),
      enterprises: await api<Enterprise[]>('GET', '/enterprises'),
    }),
    [],
  );
  const role = Form.useWatch('role', form);
  const limitedToIdps = (Form.useWatch('idpIds', form) ?? []).length > 0;
  const limitedToEnterprise = Boolean(Form.useWatch('enterpriseId', form));
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(language) : t('common.never'));

  const create = async ({ name, role, idpIds, enterpriseId, expiresOn }: CreateForm) => {
    setCreating(true);
    setCreateError(undefined);
    try {
      const credential = await api<ApiCredential & { secret: string }>('POST', '/credentials', {
        name: name.trim(),
        role,
        ...(idpIds && idpIds.length > 0 ? { idpIds } : {}),
        ...(enterpriseId ? { enterpriseId } : {}),
        ...(expiresOn ? { expiresAt: expiresOn.endOf('day').toISOString() } : {}),
      });
      form.resetFields();
      setCopied(false);
      setCreated({ name: credential.name, secret: credential.secret });
      reload();
    } catch (error) {
      setCreateError((error as Error).message);
    } finally {
      setCreating(false);
    }
  };
  const revoke = async (credential: ApiCredential) => {
    try {
      await api('DELETE', `/credentials/${credential.id}`);
      void message.success(t('credentials.revoked', { name: credential.name }));
    } catch (error) {
      void message.error(t('credentials.revokeFailed', { message: (error as Error).message }));
    }
    reload();
  };
  const copy = async (secret: string) => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      void message.warning(t('credentials.copyFailed'));
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('credentials.title')}
      </Typography.Title>
      <LoadState state={state} reload={reload}>
        {({ credentials, idps, enterprises }) => {
          const idpName = new Map(idps.map((idp) => [idp.id, idp.name]));
          const enterpriseName = new Map(enterprises.map((enterprise) => [enterprise.id, enterprise.name]));
          return (
            <>
              {credentials.length === 0 ? (
                <Empty description={t('credentials.empty')} />
              ) : (
                <Table<ApiCredential>
                  rowKey="id"
                  dataSource={credentials}
                  pagination={{ pageSize: 20 }}
                  columns={[
                    { title: t('credentials.name'), dataIndex: 'name' },
                    {
                      title: t('credentials.role'),
                      render: (_, credential) => <Tag>{credential.role}</Tag>,
                    },
                    {
                      title: t('credentials.idps'),
                      render: (_, credential) =>
                        credential.enterpriseId
                          ? t('credentials.ofEnterprise', {
                              name: enterpriseName.get(credential.enterpriseId) ?? credential.enterpriseId,
                            })
                          : credential.idpIds
                            ? credential.idpIds.map((id) => idpName.get(id) ?? id).join(', ')
                            : t('credentials.allIdps'),
                    },
                    {
                      title: t('credentials.expiresAt'),
                      render: (_, credential) =>
                        credential.expiresAt
                          ? new Date(credential.expiresAt).toLocaleString(language)
                          : t('credentials.noExpiry'),
                    },
                    {
                      title: t('credentials.createdAt'),
                      render: (_, credential) => when(credential.createdAt),
                    },
                    {
                      title: t('credentials.lastUsedAt'),
                      render: (_, credential) => when(credential.lastUsedAt),
                    },
                    {
                      title: t('credentials.state'),
                      render: (_, credential) => {
                        const current = stateOf(credential);
                        return (
                          <Badge status={STATE_BADGE[current]} text={t(`credentials.state.${current}`)} />
                        );
                      },
                    },
                    {
                      title: t('idps.actions'),
                      render: (_, credential) =>
                        credential.revokedAt ? (
                          '—'
                        ) : (
                          <Popconfirm
                            title={t('credentials.revokeConfirm', { name: credential.name })}
                            description={t('credentials.revokeExplained')}
                            okText={t('credentials.revoke')}
                            okButtonProps={{ danger: true }}
                            cancelText={t('common.cancel')}
                            onConfirm={() => void revoke(credential)}
                          >
                            <Button danger size="small">
                              {t('credentials.revoke')}
                            </Button>
                          </Popconfirm>
                        ),
                    },
                  ]}
                />
              )}
              <Card
                title={
                  <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
                    {t('credentials.create')}
                  </Typography.Title>
                }
              >
                {createError && (
                  <Alert
                    type="error"
                    showIcon
                    role="alert"
                    message={t('credentials.createFailed', { message: createError })}
                    style={{ marginBottom: 16 }}
                  />
                )}
                <Form<CreateForm>
                  form={form}
                  layout="vertical"
                  style={{ maxWidth: 560 }}
                  onFinish={(values) => void create(values)}
                  autoComplete="off"
                >
                  <Form.Item
                    name="name"
                    label={t('credentials.name')}
                    extra={t('credentials.nameRule')}
                    rules={[{ required: true, whitespace: true, message: t('wizard.required') }]}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name="role"
                    label={t('credentials.role')}
                    extra={role ? t(`credentials.role.${role}`) : t('credentials.roleHelp')}
                    rules={[{ required: true, message: t('wizard.required') }]}
                  >
                    <Select<CredentialRole>
                      options={CREDENTIAL_ROLES.map((value) => ({
                        value,
                        label: value,
                        explained: t(`credentials.role.${value}`),
                      }))}
                      optionRender={(option) => (
                        <Space direction="vertical" size={0}>
                          <Typography.Text strong>{option.value}</Typography.Text>
                          <Typography.Text type="secondary" style={{ whiteSpace: 'normal' }}>
                            {option.data.explained}
                          </Typography.Text>
                        </Space>
                      )}
                    />
                  </Form.Item>
                  <Form.Item
                    name="idpIds"
                    label={t('credentials.limitToIdps')}
                    extra={t('credentials.idpsHelp')}
                  >
                    <Select
                      mode="multiple"
                      allowClear
                      disabled={limitedToEnterprise}
                      placeholder={t('credentials.allIdps')}
                      optionFilterProp="label"
                      options={idps.map((idp) => ({ value: idp.id, label: idp.name }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name="enterpriseId"
                    label={t('credentials.limitToEnterprise')}
                    extra={t('credentials.enterpriseHelp')}
                  >
                    <Select
                      allowClear
                      disabled={limitedToIdps}
                      placeholder={t('credentials.anyEnterprise')}
                      options={enterprises.map((enterprise) => ({
                        value: enterprise.id,
                        label: enterprise.name,
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name="expiresOn"
                    label={t('credentials.expiresOn')}
                    extra={t('credentials.expiryHelp')}
                  >
                    <DatePicker
                      format="YYYY-MM-DD"
                      disabledDate={(day) => day.isBefore(new Date(), 'day')}
                      placeholder={t('credentials.noExpiry')}
                    />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={creating}>
                    {t('credentials.createSubmit')}
                  </Button>
                </Form>
              </Card>
            </>
          );
        }}
      </LoadState>
      <Modal
        open={created !== undefined}
        title={t('credentials.secretTitle', { name: created?.name ?? '' })}
        closable={false}
        keyboard={false}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={() => setCreated(undefined)}>
            {t('credentials.secretDone')}
          </Button>
        }
        destroyOnHidden
      >
        <Alert type="warning" showIcon message={t('credentials.secretOnce')} style={{ marginBottom: 16 }} />
        <Space.Compact style={{ width: '100%' }}>
          <Input
            readOnly
            value={created?.secret}
            aria-label={t('credentials.secret')}
            data-testid="new-secret"
            style={{ fontFamily: 'monospace' }}
            onFocus={(event) => event.target.select()}
          />
          <Button onClick={() => created && void copy(created.secret)}>
            {copied ? t('common.copied') : t('common.copy')}
          </Button>
        </Space.Compact>
      </Modal>
    </Space>
  );
}
