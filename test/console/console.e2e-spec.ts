import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { runMigrations } from '@app/persistence';
import { eventually, TEST_MASTER_KEY } from '@app/testing';
import { RunningApp, startApp } from '../../deploy/local/src/app-process';
import { CleanupStack } from '../../deploy/local/src/cleanup-stack';
import { findFreePorts } from '../../deploy/local/src/free-port';
import { DEFAULT_APP, LarkSimulator, startLarkSimulator } from '../lark-simulator';
import { Browser, launchBrowser, seriousViolations } from './browser';

// The built directory app (npm run build first) on the shared Kafka and PostgreSQL of with-infra, the Lark
// simulator as Lark, and Debian's chromium driving the console.
jest.setTimeout(240_000);

/** Written by every run (git-ignored); the best are copied to docs/console/. */
const SCREENSHOTS = join(__dirname, '..', '..', '.cache', 'console-screenshots');
const ADMIN_TOKEN = `console-e2e-admin-${Date.now().toString(36)}-token`;

describe('admin console in a real browser (built directory, real Kafka and PostgreSQL, Lark simulator)', () => {
  const cleanup = new CleanupStack();
  let simulator: LarkSimulator;
  let directory: RunningApp;
  let browser: Browser;
  let page: Page;
  const blockedByCsp: string[] = [];

  const consoleUrl = (path = '/') => `${directory.url}/console${path}`;
  const screenshot = (name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const expectAccessible = async () => expect(await seriousViolations(page)).toEqual([]);
  /** Picks an option of the open (single) select and waits for its list to close. */
  const pickOption = async (label: string | RegExp) => {
    const option = page.locator('.ant-select-item-option', { hasText: label });
    await option.click();
    // Until its closing animation ends, the list is on screen (and in axe's view) without a name of its own.
    await option.waitFor({ state: 'hidden' });
  };
  const chooseLanguage = async (label: 'English' | '简体中文') => {
    await page.getByRole('combobox').first().click();
    await pickOption(label);
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await runMigrations(process.env.DATABASE_URL!);
    simulator = await startLarkSimulator({ users: 30, seed: 16 });
    cleanup.add('lark simulator', () => simulator.stop());
    const [port, gatewayPort] = await findFreePorts(2);
    directory = await startApp('directory', port, {
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      DATABASE_URL: process.env.DATABASE_URL,
      LARKSYNC_MASTER_KEY: TEST_MASTER_KEY,
      LARKSYNC_ADMIN_TOKEN: ADMIN_TOKEN,
      LARK_BASE_URL: simulator.url,
      PUBLIC_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
      KAFKA_CONSUMER_GROUP: `console-e2e-${Date.now().toString(36)}`,
      LOG_LEVEL: 'warn',
    });
    cleanup.add('directory', () => directory.stop());
    browser = await launchBrowser();
    cleanup.add('browser', () => browser.close());
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blockedByCsp.push(message.text());
    });
  });
  afterAll(() => cleanup.run());

  it('serves every page at its URL with the security headers', async () => {
    for (const path of ['/', '/idps/new', '/sync-runs/00000000-0000-0000-0000-000000000000']) {
      const response = await fetch(consoleUrl(path));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toMatch(
        /script-src 'self';.*frame-ancestors 'none'/,
      );
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await response.text()).toMatch(/<div id="root">/);
    }
    expect((await fetch(consoleUrl('/assets/missing.js'))).status).toBe(404);
  });

  it('refuses sign-in with a wrong credential, then signs in with a right one', async () => {
    await page.goto(consoleUrl('/'));
    await page.getByLabel('API credential').fill(`lsk_${'0'.repeat(32)}_${'A'.repeat(43)}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Sign-in refused: the credential is not valid').waitFor();
    await expectAccessible();
    await screenshot('sign-in-refused');
    await page.getByLabel('API credential').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Identity providers' }).waitFor();
    await page.getByRole('button', { name: 'Create IdP' }).waitFor();
    await expectAccessible();
    const stored = await page.evaluate<string>(
      'JSON.stringify({ ...localStorage }) + document.cookie + location.href',
    );
    expect(stored).not.toContain(ADMIN_TOKEN);
  });

  it('refuses a change made with the session cookie but without its CSRF token', async () => {
    const status = await page.evaluate(async () => {
      const response = await fetch('/api/credentials', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'csrf-probe', role: 'viewer' }),
      });
      return { status: response.status, body: await response.json() };
    });
    expect(status).toEqual({
      status: 403,
      body: expect.objectContaining({ message: expect.stringMatching(/CSRF token/) }),
    });
  });

  it('switches the language, Ant Design included', async () => {
    await chooseLanguage('简体中文');
    await page.getByRole('heading', { name: '身份源' }).waitFor();
    await page.getByRole('button', { name: '新建身份源' }).waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('zh-CN');
    await chooseLanguage('English');
    await page.getByRole('heading', { name: 'Identity providers' }).waitFor();
  });

  it('shows the empty and the error state of the IdP list (the API answered by the test)', async () => {
    // Other suites share the database, so an empty list is only reachable by answering for the API.
    await page.route('**/api/idps', (route) => route.fulfill({ json: [] }));
    await page.reload();
    await page.getByText('No IdP yet. Create one to connect Lark.').waitFor();
    await expectAccessible();
    await screenshot('idps-empty-en-US');
    await page.unroute('**/api/idps');
    await page.route('**/api/idps', (route) =>
      route.fulfill({ status: 503, json: { statusCode: 503, message: 'database unavailable' } }),
    );
    await page.reload();
    await page.getByText('Could not load: database unavailable').waitFor();
    await expectAccessible();
    await page.unroute('**/api/idps');
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('button', { name: 'Create IdP' }).waitFor();
  });

  it('creates an IdP in the wizard: a failing connectivity test with its fix, a passing one, then the first sync', async () => {
    await page.getByRole('button', { name: 'Create IdP' }).click();
    await page.getByLabel('IdP Name').fill('x');
    await page.getByText('2–100 characters: Chinese characters, letters, digits, - and _').nth(1).waitFor();
    await page.getByLabel('IdP Name').fill('飞书-总部');
    await page.getByLabel('Description').fill('larksync 控制台 e2e');
    await page.getByLabel('App ID').fill(DEFAULT_APP.appId);
    await page.getByLabel('App Secret').fill('a-wrong-app-secret');
    await page.getByText('Advanced Settings').click();
    await page.getByLabel('Encrypt Key').fill(DEFAULT_APP.encryptKey!);
    await page.getByLabel('Verification Token').fill(DEFAULT_APP.verificationToken);
    await expectAccessible();
    await screenshot('wizard-basic-en-US');
    await chooseLanguage('简体中文');
    await page.getByText('基本配置').waitFor();
    await screenshot('wizard-basic-zh-CN');
    await chooseLanguage('English');

    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Run the connectivity test' }).click();
    await page.getByText('Some checks failed. Fix them in Lark, then run the test again.').waitFor();
    await page.getByText(/check the App Secret/).waitFor();
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await expectAccessible();
    await screenshot('wizard-test-failed-en-US');

    await page.getByRole('button', { name: 'Previous' }).click();
    await page.getByLabel('App Secret').fill(DEFAULT_APP.appSecret);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Run the connectivity test' }).click();
    await page.getByText('Lark accepted the credentials and every check passed.').waitFor();
    await screenshot('wizard-test-passed-en-US');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Synchronize All').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Secrets are never shown again after saving.').waitFor();
    await expectAccessible();
    await page.getByRole('button', { name: 'Create and start the first sync' }).click();

    await page.getByRole('heading', { name: /Sync run/ }).waitFor();
    await page.getByText('Succeeded').waitFor({ timeout: 120_000 });
    await expectAccessible();
    await screenshot('sync-run-en-US');
  });

  it('lists the IdP with its last sync, shows its runs and a dry run', async () => {
    await page.goto(consoleUrl('/'));
    await page.getByRole('link', { name: '飞书-总部' }).waitFor();
    await page.getByText('Succeeded').first().waitFor();
    await expectAccessible();
    await screenshot('idps-en-US');
    await page.getByRole('link', { name: '飞书-总部' }).click();
    await page.getByRole('heading', { name: 'Sync runs of 飞书-总部' }).waitFor();
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByText('Dry run: what a sync would change now').waitFor();
    await expectAccessible();
    await screenshot('idp-runs-dry-run-en-US');
  });

  it('creates a credential with its secret shown once, which the API takes until it is revoked in the console', async () => {
    const name = `e2e viewer ${Date.now().toString(36)}`;
    const asCredential = (secret: string, method: string, path: string) =>
      fetch(`${directory.url}/api${path}`, { method, headers: { authorization: `Bearer ${secret}` } });
    const [idp] = (await (await asCredential(ADMIN_TOKEN, 'GET', '/idps')).json()) as { id: string }[];
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: directory.url });
    await page.goto(consoleUrl('/'));
    await page.getByRole('link', { name: 'Credentials' }).click();
    await page.getByRole('heading', { name: 'API credentials' }).waitFor();

    await page.getByLabel('Name').fill('x');
    await page.getByLabel('Role').click();
    await pickOption(/^viewer/);
    await page.getByText('Read the admin API and the console; change nothing.').first().waitFor();
    await page.getByRole('button', { name: 'Create credential' }).click();
    await page.getByText('Not created: name must be 2–100 letters, digits, . - _ or spaces').waitFor();
    await expectAccessible();

    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Limit to these IdPs (optional)').click();
    const idpOption = page.locator('.ant-select-item-option', { hasText: '飞书-总部' });
    await idpOption.click();
    await page.keyboard.press('Escape');
    await idpOption.waitFor({ state: 'hidden' });
    const expiresOn = `${new Date().getFullYear() + 1}-06-30`;
    await page.getByLabel('Expires after (optional)').fill(expiresOn);
    await page.locator(`.ant-picker-dropdown td[title="${expiresOn}"]`).click();
    await page.getByRole('button', { name: 'Create credential' }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByText('it will not be shown again').waitFor();
    const secret = await dialog.getByTestId('new-secret').inputValue();
    expect(secret).toMatch(/^lsk_/);
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
    await dialog.getByRole('button', { name: 'Copied', exact: true }).waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(secret);
    await expectAccessible();
    await screenshot('credential-secret-en-US');
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.content()).not.toContain(secret);

    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByText('Active').waitFor();
    await row.getByText('飞书-总部').waitFor();
    expect((await asCredential(secret, 'GET', `/idps/${idp.id}`)).status).toBe(200);
    const refused = await asCredential(secret, 'POST', `/idps/${idp.id}/sync`);
    expect({ status: refused.status, body: await refused.json() }).toEqual({
      status: 403,
      body: expect.objectContaining({ message: expect.any(String) }),
    });
    await expectAccessible();
    await screenshot('credentials-en-US');

    await chooseLanguage('简体中文');
    await page.getByRole('heading', { name: 'API 凭证' }).waitFor();
    await page.getByRole('button', { name: '创建凭证' }).waitFor();
    await row.getByText('有效').waitFor();
    await expectAccessible();
    await screenshot('credentials-zh-CN');
    await chooseLanguage('English');

    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText(`Revoke ${name}?`).waitFor();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('Revoked').waitFor();
    await eventually('the revoked credential refused', async () => {
      const response = await asCredential(secret, 'GET', `/idps/${idp.id}`);
      return response.status === 401 && (await response.json());
    });
  });

  it('shows the audit trail: the credential created and revoked, the IdP created with the secrets it set', async () => {
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await page.getByText('credential.revoked').first().waitFor();
    await page.getByLabel('IdP').click();
    await pickOption('飞书-总部');
    await page.getByRole('button', { name: 'Filter' }).click();
    const created = page.getByRole('row').filter({ hasText: 'idp.created' });
    await created.getByText('appSecret (secret, value not recorded)').waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'credential.' }).count()).toBe(0);
    await expectAccessible();
    await screenshot('audit-en-US');
    await chooseLanguage('简体中文');
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    await created.getByText('appSecret（密钥，不记录其值）').waitFor();
    await expectAccessible();
    await chooseLanguage('English');
  });

  it("creates a credential limited to an enterprise, which reads that enterprise's IdPs", async () => {
    const name = `e2e enterprise viewer ${Date.now().toString(36)}`;
    const headers = (secret: string) => ({ authorization: `Bearer ${secret}` });
    const idps = (await (
      await fetch(`${directory.url}/api/idps`, { headers: headers(ADMIN_TOKEN) })
    ).json()) as {
      id: string;
      name: string;
      enterpriseId: string;
    }[];
    const idp = idps.find((candidate) => candidate.name === '飞书-总部')!;
    await page.getByRole('link', { name: 'Credentials' }).click();
    await page.getByRole('heading', { name: 'API credentials' }).waitFor();
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Role').click();
    await pickOption(/^viewer/);
    await page.getByLabel('Limit to an enterprise (optional)').click();
    await pickOption('Default enterprise');
    await page.getByRole('button', { name: 'Create credential' }).click();
    const dialog = page.getByRole('dialog');
    const secret = await dialog.getByTestId('new-secret').inputValue();
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    // Until its closing animation ends, the dialog is on screen (and in axe's view) half transparent.
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByText('IdPs of Default enterprise').waitFor();
    await expectAccessible();
    const read = await fetch(`${directory.url}/api/idps/${idp.id}`, { headers: headers(secret) });
    expect(read.status).toBe(200);
    await chooseLanguage('简体中文');
    await row.getByText('Default enterprise 的身份源').waitFor();
    await chooseLanguage('English');
  });

  it("shows the enterprise's identifier to copy, regenerates it after a confirmation, and lists its identity sources", async () => {
    const adminGet = async <T>(path: string): Promise<T> =>
      (
        await fetch(`${directory.url}/api${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
      ).json() as Promise<T>;
    type EnterpriseView = { id: string; authIdentifier: string; isDefault: boolean };
    const enterpriseNow = async () =>
      (await adminGet<EnterpriseView[]>('/enterprises')).find((enterprise) => enterprise.isDefault)!;
    const before = await enterpriseNow();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
    const card = page.getByTestId(`enterprise-${before.id}`);
    const identifier = card.getByTestId('auth-identifier');
    await identifier.getByText(before.authIdentifier).waitFor();
    expect(before.authIdentifier).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const source = card.getByRole('row').filter({ hasText: '飞书-总部' });
    await source.getByText('Offered', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Copy' }).click();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(before.authIdentifier);
    await expectAccessible();
    await screenshot('settings-en-US');

    await card.getByRole('button', { name: 'Regenerate identifier' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`${before.authIdentifier} stops working at once`).waitFor();
    await expectAccessible();
    await dialog.getByRole('button', { name: 'Regenerate' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const after = await eventually('the identifier regenerated', async () => {
      const now = await enterpriseNow();
      return now.authIdentifier !== before.authIdentifier && now;
    });
    await identifier.getByText(after.authIdentifier).waitFor();

    await chooseLanguage('简体中文');
    await page.getByRole('heading', { name: '设置', exact: true }).waitFor();
    await card.getByText('企业认证标识').waitFor();
    await source.getByText('展示', { exact: true }).waitFor();
    await expectAccessible();
    await screenshot('settings-zh-CN');
    await chooseLanguage('English');
  });

  it('ran every page under its CSP without a blocked script or style', () => {
    expect(blockedByCsp).toEqual([]);
  });
});
