import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, Logger } from '@app/logging';
import { SignInStandingReader } from '@app/persistence';
import { authorizeUrl, larkOrigins } from './lark-hosts';
import { refusalForAuthorizeError } from './lark-oauth-errors';
import { LarkOAuthClient } from './lark-oauth.client';
import { refusalForStanding, refusalForTenant } from './login-decision';
import { acceptRedirect, originOf, withSessionFragment } from './redirect-target';
import { SessionKeysUnavailable, SessionTokens } from '../sessions/session-tokens';
import { IdpLookupService, IdpView } from '../idp/idp-lookup.service';
import { SsoMetrics } from './sso.metrics';
import { refusals, SsoRefusal } from './sso-refusal';
import { SsoCookie } from './sso-cookie';
import { codeChallenge, SsoState, SsoStateCodec } from './sso-state';

export interface SsoOptions {
  masterKey: string;
  /** Where browsers reach the gateway; the OAuth redirect URL is `${publicBaseUrl}/open-dev/feishu`. */
  publicBaseUrl: string;
  larkBaseUrl?: string;
  /** Origins a SASE client may ask to be sent back to, besides the gateway's own. */
  redirectOrigins: string[];
}

export const SSO_OPTIONS = Symbol('SSO_OPTIONS');
export const CALLBACK_PATH = '/open-dev/feishu';

export type SsoReply = (
  { status: 302; location: string } | { status: number; body: Record<string, unknown> }
) & {
  /** A Set-Cookie value: the login's browser binding, or its removal at the callback. */
  setCookie?: string;
};

export interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
  /** The request's Cookie header. */
  cookie?: string;
}

/** Lark SSO: send the browser to Lark's authorize page, then turn its code into a SASE session, or a clear refusal. */
@Injectable()
export class SsoService {
  private readonly states: SsoStateCodec;
  private readonly cookie: SsoCookie;
  private readonly redirectUri: string;
  private readonly allowedOrigins: ReadonlySet<string>;

  constructor(
    private readonly idps: IdpLookupService,
    private readonly lark: LarkOAuthClient,
    private readonly standings: SignInStandingReader,
    private readonly sessions: SessionTokens,
    private readonly metrics: SsoMetrics,
    @Inject(SSO_OPTIONS) private readonly options: SsoOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.states = new SsoStateCodec(options.masterKey);
    this.redirectUri = `${options.publicBaseUrl.replace(/\/+$/, '')}${CALLBACK_PATH}`;
    this.cookie = new SsoCookie(new URL(this.redirectUri));
    const origins = [options.publicBaseUrl, ...options.redirectOrigins]
      .map(originOf)
      .filter((origin): origin is string => origin !== undefined);
    this.allowedOrigins = new Set(origins);
  }

  async login(idpId: string, redirect: string | undefined): Promise<SsoReply> {
    try {
      const target = acceptRedirect(redirect, this.allowedOrigins);
      const idp = await this.signInIdp(idpId);
      const { state, codeVerifier, browserBinding } = this.states.issue(idp.id, target);
      const location = authorizeUrl(larkOrigins(idp.platform, this.options.larkBaseUrl), {
        appId: idp.appId,
        redirectUri: this.redirectUri,
        state,
        codeChallenge: codeChallenge(codeVerifier),
      });
      this.metrics.loginsStarted.inc();
      return { status: 302, location, setCookie: this.cookie.set(browserBinding) };
    } catch (error) {
      return this.refuse(error, idpId, 'login refused');
    }
  }

  async callback(query: CallbackQuery): Promise<SsoReply> {
    return { ...(await this.finish(query)), setCookie: this.cookie.clear() };
  }

  private async finish(query: CallbackQuery): Promise<SsoReply> {
    let idpId: string | undefined;
    try {
      const state = this.states.verify(query.state, this.cookie.read(query.cookie));
      idpId = state.idpId;
      if (query.error) throw refusalForAuthorizeError(query.error);
      if (!query.code) throw refusals.missingCode();
      const reply = await this.completeSignIn(state, query.code);
      this.metrics.callbacks.inc({ outcome: 'session' });
      this.logger.info({ idpId, outcome: 'session' }, 'sign-in completed');
      return reply;
    } catch (error) {
      if (error instanceof SsoRefusal) this.metrics.callbacks.inc({ outcome: error.code });
      return this.refuse(error, idpId, 'sign-in refused');
    }
  }

  private async completeSignIn(state: SsoState, code: string): Promise<SsoReply> {
    const idp = await this.signInIdp(state.idpId);
    const origins = larkOrigins(idp.platform, this.options.larkBaseUrl);
    const codeVerifier = this.states.codeVerifier(state.nonce, state.browserBinding);
    const accessToken = await this.lark.exchangeCode(origins, {
      appId: idp.appId,
      appSecret: idp.appSecret,
      code,
      redirectUri: this.redirectUri,
      codeVerifier,
    });
    const user = await this.lark.readUserInfo(origins, accessToken);
    const tenantRefusal = refusalForTenant(idp.tenantKey, user.tenantKey);
    if (tenantRefusal) throw tenantRefusal;
    const standing = await this.standings.find(idp.id, user.openId).catch(() => {
      throw new SsoRefusal(
        503,
        'directory_unavailable',
        'the directory could not be read; try again shortly',
      );
    });
    const standingRefusal = refusalForStanding(standing);
    if (standingRefusal) throw standingRefusal;
    const issued = await this.sessions
      .issue({ openId: user.openId, idpId: idp.id, name: standing?.name || user.name })
      .catch((error: unknown) => {
        throw error instanceof SessionKeysUnavailable ? refusals.sessionsUnavailable() : error;
      });
    if (state.redirect) return { status: 302, location: withSessionFragment(state.redirect, issued) };
    return {
      status: 200,
      body: {
        session: issued.session,
        expiresAt: issued.expiresAt,
        subject: { openId: user.openId, idpId: idp.id },
      },
    };
  }

  private async signInIdp(idpId: string): Promise<IdpView> {
    const idp = await this.idps.find(idpId).catch(() => {
      throw refusals.idpLookupFailed();
    });
    if (!idp) throw refusals.unknownIdp();
    if (idp.status !== 'enabled') throw refusals.idpClosed();
    return idp;
  }

  private refuse(error: unknown, idpId: string | undefined, message: string): SsoReply {
    if (!(error instanceof SsoRefusal)) throw error;
    this.logger.warn({ idpId, reason: error.code, status: error.status }, message);
    return { status: error.status, body: { error: error.code, message: error.message } };
  }
}
