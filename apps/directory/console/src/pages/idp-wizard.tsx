import {
  Alert,
  Badge,
  Button,
  Card,
  Collapse,
  Descriptions,
  Form,
  Input,
  InputNumber,
  message,
  Radio,
  Space,
  Steps,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { LoadState, useLoad } from '../load';
import { navigate } from '../router';
import { ConnectivityReport, Idp } from '../types';

/** The API's rules (CreateIdpDto), checked as the admin types. */
export const IDP_NAME = /^[\p{Script=Han}A-Za-z0-9_-]{2,100}$/u;
const APP_ID = /^cli_[A-Za-z0-9]+$/;
const SECRET = /^\S{8,256}$/;
const TOKEN = /^\S{1,256}$/;

interface Values {
  name: string;
  description: string;
  status: 'enabled' | 'closed';
  platform: 'feishu' | 'lark';
  appId: string;
  appSecret: string;
  encryptKey: string;
  verificationToken: string;
  autoSync: boolean;
  syncUserInfo: boolean;
  syncIntervalHours: number;
  scopeMode: 'all' | 'partial';
  departmentIds: string;
}

const NEW_IDP: Values = {
  name: '',
  description: '',
  status: 'enabled',
  platform: 'feishu',
  appId: '',
  appSecret: '',
  encryptKey: '',
  verificationToken: '',
  autoSync: true,
  syncUserInfo: true,
  syncIntervalHours: 1,
  scopeMode: 'all',
  departmentIds: '',
};

export function IdpWizard({ idpId }: { idpId?: string }) {
  const [state, reload] = useLoad(
    () => (idpId ? api<Idp>('GET', `/idps/${idpId}`) : Promise.resolve(undefined)),
    [idpId],
  );
  return (
    <LoadState state={state} reload={reload}>
      {(idp) => <Wizard idp={idp} />}
    </LoadState>
  );
}

function valuesOf(idp: Idp | undefined): Values {
  if (!idp) return NEW_IDP;
  return {
    ...NEW_IDP,
    name: idp.name,
    description: idp.description,
    status: idp.status,
    platform: idp.platform,
    autoSync: idp.autoSync,
    syncUserInfo: idp.syncUserInfo,
    syncIntervalHours: idp.syncIntervalHours,
    scopeMode: idp.scope.mode,
    departmentIds: idp.scope.mode === 'partial' ? idp.scope.departmentIds.join('\n') : '',
  };
}

function Wizard({ idp }: { idp: Idp | undefined }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [values, setValues] = useState<Values>(() => valuesOf(idp));
  const [report, setReport] = useState<ConnectivityReport>();
  const [testing, setTesting] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const editing = idp !== undefined;
  const secretRule = (pattern: RegExp, required: boolean) => [
    { required: required && !editing, message: t('wizard.required') },
    { pattern, message: t('wizard.required') },
  ];

  const next = async () => {
    if (step === 0 || step === 2) setValues({ ...values, ...(await form.validateFields()) });
    setStep(step + 1);
  };
  const test = async () => {
    setTesting(true);
    try {
      setReport(
        await api<ConnectivityReport>('POST', '/connectivity-test', {
          appId: values.appId,
          appSecret: values.appSecret,
          platform: values.platform,
          ...(idp ? { idpId: idp.id } : {}),
        }),
      );
    } catch (error) {
      setReport({ ok: false, checks: [{ name: 'request', ok: false, detail: (error as Error).message }] });
    } finally {
      setTesting(false);
    }
  };
  const save = async () => {
    setSaving(true);
    setSaveError(undefined);
    const { scopeMode, departmentIds, appSecret, encryptKey, verificationToken, ...rest } = values;
    const body = {
      ...rest,
      scope:
        scopeMode === 'all'
          ? { mode: 'all' }
          : { mode: 'partial', departmentIds: departmentIds.split(/\s+/).filter(Boolean), groupIds: [] },
      ...(appSecret ? { appSecret } : {}),
      ...(encryptKey ? { encryptKey } : {}),
      ...(verificationToken ? { verificationToken } : {}),
    };
    try {
      const saved = idp
        ? await api<Idp>('PATCH', `/idps/${idp.id}`, body)
        : await api<Idp>('POST', '/idps', body);
      const run = await api<{ id: string }>('POST', `/idps/${saved.id}/sync`);
      void message.success(t('wizard.saved'));
      navigate(`/sync-runs/${run.id}`);
    } catch (error) {
      setSaveError((error as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const steps = [
    t('wizard.step.basic'),
    t('wizard.step.test'),
    t('wizard.step.sync'),
    t('wizard.step.confirm'),
  ];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 960 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {idp ? t('wizard.editTitle', { name: idp.name }) : t('wizard.createTitle')}
      </Typography.Title>
      <Steps current={step} items={steps.map((title) => ({ title }))} />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={values}
          onValuesChange={(_, all) => setValues({ ...values, ...all })}
        >
          {step === 0 && (
            <>
              <Form.Item
                name="name"
                label={t('wizard.name')}
                extra={t('wizard.nameRule')}
                validateTrigger="onChange"
                rules={[
                  { required: true, message: t('wizard.nameRule') },
                  { pattern: IDP_NAME, message: t('wizard.nameRule') },
                ]}
              >
                <Input />
              </Form.Item>
              <Form.Item
                name="description"
                label={t('wizard.description')}
                extra={t('wizard.descriptionHelp')}
                rules={[{ max: 500 }]}
              >
                <Input />
              </Form.Item>
              <Form.Item name="status" label={t('wizard.status')}>
                <Radio.Group
                  options={[
                    { value: 'enabled', label: t('idps.status.enabled') },
                    { value: 'closed', label: t('idps.status.closed') },
                  ]}
                />
              </Form.Item>
              {values.status === 'closed' && (
                <Alert
                  type="warning"
                  showIcon
                  message={t('wizard.closedWarning')}
                  style={{ marginBottom: 16 }}
                />
              )}
              <Form.Item name="platform" label={t('wizard.platform')}>
                <Radio.Group
                  options={[
                    { value: 'feishu', label: 'Feishu 飞书' },
                    { value: 'lark', label: 'Lark' },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name="appId"
                label={t('wizard.appId')}
                validateTrigger="onChange"
                rules={[
                  { required: true, message: t('wizard.required') },
                  { pattern: APP_ID, message: 'cli_…' },
                ]}
              >
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item
                name="appSecret"
                label={t('wizard.appSecret')}
                extra={editing ? t('wizard.secretKept') : undefined}
                rules={secretRule(SECRET, true)}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Collapse
                style={{ marginBottom: 16 }}
                items={[
                  {
                    key: 'advanced',
                    label: t('wizard.advanced'),
                    forceRender: true,
                    children: (
                      <>
                        <Form.Item
                          name="encryptKey"
                          label={t('wizard.encryptKey')}
                          extra={editing ? t('wizard.secretKept') : undefined}
                          rules={secretRule(TOKEN, false)}
                        >
                          <Input.Password autoComplete="new-password" />
                        </Form.Item>
                        <Form.Item
                          name="verificationToken"
                          label={t('wizard.verificationToken')}
                          extra={editing ? t('wizard.secretKept') : undefined}
                          rules={secretRule(TOKEN, true)}
                        >
                          <Input.Password autoComplete="new-password" />
                        </Form.Item>
                        <CopyField label={t('wizard.requestUrl')} value={idp?.requestUrl} />
                      </>
                    ),
                  },
                ]}
              />
              <CopyField label={t('wizard.redirectUrl')} value={idp?.redirectUrl} />
              <Form.Item name="autoSync" label={t('wizard.autoSync')} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Form.Item name="syncUserInfo" label={t('wizard.syncUserInfo')} valuePropName="checked">
                <Switch disabled={!values.autoSync} />
              </Form.Item>
              <Form.Item
                name="syncIntervalHours"
                label={t('wizard.interval')}
                rules={[{ type: 'integer', min: 1, max: 24, required: true }]}
              >
                <InputNumber min={1} max={24} disabled={!values.autoSync} />
              </Form.Item>
            </>
          )}
          {step === 2 && (
            <>
              <Form.Item name="scopeMode" label={t('wizard.scope')}>
                <Radio.Group
                  options={[
                    { value: 'all', label: t('wizard.scopeAll') },
                    { value: 'partial', label: t('wizard.scopePartial') },
                  ]}
                />
              </Form.Item>
              {values.scopeMode === 'partial' && (
                <Form.Item
                  name="departmentIds"
                  label={t('wizard.scopePartial')}
                  rules={[{ required: true, message: t('wizard.required') }]}
                >
                  <Input.TextArea rows={4} />
                </Form.Item>
              )}
            </>
          )}
        </Form>
        {step === 1 && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Button type="primary" onClick={() => void test()} loading={testing}>
              {t('wizard.runTest')}
            </Button>
            {!report && <Typography.Text type="secondary">{t('wizard.testFirst')}</Typography.Text>}
            {report && (
              <>
                <Alert
                  type={report.ok ? 'success' : 'error'}
                  showIcon
                  message={report.ok ? t('wizard.testPassed') : t('wizard.testFailed')}
                />
                <Table
                  rowKey="name"
                  size="small"
                  pagination={false}
                  dataSource={report.checks}
                  columns={[
                    { title: t('wizard.check'), dataIndex: 'name' },
                    {
                      title: t('wizard.result'),
                      render: (_, check) => (
                        <Badge
                          status={check.ok ? 'success' : 'error'}
                          text={check.ok ? t('wizard.checkPassed') : t('wizard.checkFailed')}
                          style={{ whiteSpace: 'nowrap' }}
                        />
                      ),
                    },
                    { title: t('wizard.meaning'), dataIndex: 'detail' },
                    { title: t('wizard.fix'), render: (_, check) => check.fix ?? '' },
                  ]}
                />
              </>
            )}
          </Space>
        )}
        {step === 3 && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Title level={3}>{t('wizard.review')}</Typography.Title>
            <Descriptions bordered column={1} size="small">
              <Descriptions.Item label={t('wizard.name')}>{values.name}</Descriptions.Item>
              <Descriptions.Item label={t('wizard.description')}>
                {values.description || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('wizard.status')}>
                {t(`idps.status.${values.status}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('wizard.appId')}>{values.appId}</Descriptions.Item>
              <Descriptions.Item label={t('wizard.autoSync')}>
                {values.autoSync
                  ? t('idps.autoSyncEvery', { hours: values.syncIntervalHours })
                  : t('idps.autoSyncOff')}
              </Descriptions.Item>
              <Descriptions.Item label={t('wizard.scope')}>
                {values.scopeMode === 'all'
                  ? t('wizard.scopeAll')
                  : values.departmentIds.split(/\s+/).filter(Boolean).join(', ')}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Text type="secondary">{t('wizard.secretsNote')}</Typography.Text>
            {saveError && (
              <Alert
                type="error"
                showIcon
                role="alert"
                message={t('wizard.saveFailed', { message: saveError })}
              />
            )}
          </Space>
        )}
      </Card>
      <Space>
        {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('wizard.previous')}</Button>}
        {step < 3 && (
          <Button type="primary" disabled={step === 1 && !report?.ok} onClick={() => void next()}>
            {t('wizard.next')}
          </Button>
        )}
        {step === 3 && (
          <Button type="primary" loading={saving} onClick={() => void save()}>
            {editing ? t('wizard.confirmUpdate') : t('wizard.confirmCreate')}
          </Button>
        )}
      </Space>
    </Space>
  );
}

function CopyField({ label, value }: { label: string; value: string | undefined }) {
  const { t } = useI18n();
  return (
    <Form.Item label={label}>
      {value ? (
        <Typography.Text code copyable={{ text: value, tooltips: [t('common.copy'), t('common.copied')] }}>
          {value}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">{t('wizard.urlsAfterSave')}</Typography.Text>
      )}
    </Form.Item>
  );
}
