import { Button, Layout, Result, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError, holdSession, Session } from './api';
import { Language, useI18n } from './i18n';
import { IdpList } from './pages/idp-list';
import { IdpWizard } from './pages/idp-wizard';
import { SignIn } from './pages/sign-in';
import { SyncRunPage } from './pages/sync-run';
import { IdpRuns } from './pages/idp-runs';
import { CredentialsPage } from './pages/credentials';
import { AuditPage } from './pages/audit';
import { SettingsPage } from './pages/settings';
import { Link, navigate, usePath } from './router';

const NAV_LINK = { color: '#fff' };

type SessionState = { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'signed-in'; session: Session };

export function App() {
  const { t, language, setLanguage } = useI18n();
  const path = usePath();
  const [state, setState] = useState<SessionState>({ kind: 'loading' });

  const signedIn = (session: Session) => {
    holdSession(session);
    setState({ kind: 'signed-in', session });
  };
  useEffect(() => {
    api<Session>('GET', '/session').then(signedIn, (error: unknown) => {
      if (!(error instanceof ApiError && error.status === 401)) console.warn('session check failed');
      setState({ kind: 'signed-out' });
    });
  }, []);
  const signOut = async () => {
    await api('DELETE', '/session').catch(() => undefined);
    holdSession(null);
    setState({ kind: 'signed-out' });
    navigate('/');
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Title level={1} style={{ color: '#fff', margin: 0, fontSize: 20 }}>
          <Link to="/" style={{ color: '#fff' }}>
            {t('app.title')}
          </Link>
        </Typography.Title>
        <nav aria-label={t('app.title')} style={{ flex: 1 }}>
          {state.kind === 'signed-in' && (
            <Space size="large">
              <Link to="/idps" style={NAV_LINK}>
                {t('app.idps')}
              </Link>
              {state.session.credential.role === 'admin' && (
                <Link to="/credentials" style={NAV_LINK}>
                  {t('app.credentials')}
                </Link>
              )}
              <Link to="/audit" style={NAV_LINK}>
                {t('app.audit')}
              </Link>
              <Link to="/settings" style={NAV_LINK}>
                {t('app.settings')}
              </Link>
            </Space>
          )}
        </nav>
        <Space>
          <Select<Language>
            aria-label={t('app.language')}
            value={language}
            onChange={setLanguage}
            options={[
              { value: 'zh-CN', label: '简体中文' },
              { value: 'en-US', label: 'English' },
            ]}
            style={{ width: 120 }}
            data-testid="language"
          />
          {state.kind === 'signed-in' && (
            <>
              <Typography.Text style={{ color: '#fff' }}>
                {t('app.signedInAs', {
                  name: state.session.credential.name,
                  role: state.session.credential.role,
                })}
              </Typography.Text>
              <Button onClick={() => void signOut()}>{t('app.signOut')}</Button>
            </>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <main>
          {state.kind === 'loading' && <Spin size="large" />}
          {state.kind === 'signed-out' && <SignIn onSignedIn={signedIn} />}
          {state.kind === 'signed-in' && <Page path={path} role={state.session.credential.role} />}
        </main>
      </Layout.Content>
    </Layout>
  );
}

function Page({ path, role }: { path: string; role: string }) {
  const { t } = useI18n();
  if (path === '/' || path === '/idps') return <IdpList />;
  if (path === '/audit') return <AuditPage />;
  if (path === '/settings') return <SettingsPage canChange={role === 'admin'} />;
  if (path === '/credentials')
    return role === 'admin' ? <CredentialsPage /> : <Result status="403" title={t('app.adminOnly')} />;
  if (path === '/idps/new') return <IdpWizard />;
  let match = /^\/idps\/([\w-]+)\/edit$/.exec(path);
  if (match) return <IdpWizard idpId={match[1]} />;
  match = /^\/idps\/([\w-]+)\/runs$/.exec(path);
  if (match) return <IdpRuns idpId={match[1]} />;
  match = /^\/sync-runs\/([\w-]+)$/.exec(path);
  if (match) return <SyncRunPage runId={match[1]} />;
  return (
    <Result
      status="404"
      title={t('app.notFound')}
      extra={<Button onClick={() => navigate('/')}>{t('app.backToIdps')}</Button>}
    />
  );
}
