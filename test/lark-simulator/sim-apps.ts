export type ContactScope =
  | { kind: 'all' }
  | { kind: 'partial'; departmentOpenIds: string[]; userOpenIds: string[]; groupIds?: string[] };

/** One custom app registered with the simulated tenant. */
export interface SimAppConfig {
  appId: string;
  appSecret: string;
  /** When set, deliveries are encrypted and signed with it. */
  encryptKey?: string;
  verificationToken: string;
  /** Event Request URL; no deliveries without one. */
  requestUrl?: string;
  eventSchema?: '2.0' | '1.0';
  /** Registered OAuth redirect URLs; any URL is accepted when absent. */
  redirectUris?: string[];
  scope?: ContactScope;
  /** Permissions (e.g. `contact:user.email:readonly`) the app has not been granted. */
  missingPermissions?: string[];
}

export const PERMISSION = {
  contactRead: 'contact:contact.base:readonly',
  userEmail: 'contact:user.email:readonly',
  userPhone: 'contact:user.phone:readonly',
  userEmployeeId: 'contact:user.employee_id:readonly',
  groupRead: 'contact:group:readonly',
} as const;

export const DEFAULT_APP: Readonly<SimAppConfig> = {
  appId: 'cli_a9f0c1d2e3b4a5f6',
  appSecret: 'sim-app-secret-0123456789abcdef',
  encryptKey: 'sim-encrypt-key-0123456789',
  verificationToken: 'vt_sim_verification_token_0001',
  eventSchema: '2.0',
  scope: { kind: 'all' },
};

export class SimApps {
  private readonly apps = new Map<string, SimAppConfig>();

  constructor(configs: SimAppConfig[]) {
    for (const config of configs)
      this.apps.set(config.appId, { scope: { kind: 'all' }, eventSchema: '2.0', ...config });
  }

  list(): SimAppConfig[] {
    return [...this.apps.values()];
  }

  get(appId: string): SimAppConfig | undefined {
    return this.apps.get(appId);
  }

  require(appId: string): SimAppConfig {
    const app = this.apps.get(appId);
    if (!app) throw new Error(`unknown app ${appId}`);
    return app;
  }

  first(): SimAppConfig {
    return this.list()[0];
  }

  hasPermission(app: SimAppConfig, permission: string): boolean {
    return !(app.missingPermissions ?? []).includes(permission);
  }

  update(appId: string, changes: Partial<Omit<SimAppConfig, 'appId'>>): SimAppConfig {
    const app = this.require(appId);
    Object.assign(app, changes);
    return app;
  }
}
