import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Session, signIn } from '../api';
import { useI18n } from '../i18n';

/** The credential is sent once and kept in no storage: the form is cleared, the cookie stands for it. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ credential: string }>();
  const [refused, setRefused] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ credential }: { credential: string }) => {
    setBusy(true);
    setRefused(undefined);
    try {
      const session = await signIn(credential.trim());
      form.resetFields();
      onSignedIn(session);
    } catch (error) {
      setRefused((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card style={{ maxWidth: 520, margin: '48px auto' }}>
      <Typography.Title level={2}>{t('signIn.title')}</Typography.Title>
      <Typography.Paragraph>{t('signIn.intro')}</Typography.Paragraph>
      {refused && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={t('signIn.refused', { message: refused })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} autoComplete="off">
        <Form.Item
          name="credential"
          label={t('signIn.credential')}
          rules={[{ required: true, message: t('signIn.credentialRequired') }]}
        >
          <Input.Password autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('signIn.submit')}
        </Button>
      </Form>
    </Card>
  );
}
