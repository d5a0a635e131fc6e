import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { isIdpId, parseEnterpriseIdentifier } from '@app/contracts';
import { LOGGER, Logger } from '@app/logging';
import { EnterpriseIdentitySourceReader, EnterpriseSignIn, SignInStandingReader } from '@app/persistence';
import { ClientLanguage } from '../client-language/client-language';
import { ClientCodeRepository } from './client-code.repository';
import {
  ClientLoginQuery,
  ClientReturn,
  clientRedirect,
  clientReturnOf,
  isAllowedClientRedirect,
} from './client-return';
import { refusalMessage } from './refusal-messages';
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

/** A native client's one-time code lives this long between Lark's callback and its redemption. */
export const CLIENT_CODE_LIFETIME_MS = 60_000;

export interface LoginRequest {
  /** A web SASE client's return URL on an allowed origin (the session in its fragment). */
  redirect?: string;
  /** The enterprise authentication identifier the sign-in URL was discovered under. */
  enterprise?: string;
  /** A native SASE client's return (RFC 8252 with PKCE). */
  client?: ClientLoginQuery;
  /** Of the messages refusals carry back to a native client. */
  language: ClientLanguage;
}

/** Where a refusal goes when a native client asked: back to it, once its redirect URI was accepted. */
type RefusalTarget = { redirectUri: string; state?: string | undefined; language: ClientLanguage };

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
    private readonly enterprises: EnterpriseIdentitySourceReader,
    private readonly clientCodes: ClientCodeRepository,
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

  async login(idpId: string, request: LoginRequest): Promise<SsoReply> {
    let refusalTarget: RefusalTarget | undefined;
    try {
      const target = acceptRedirect(request.redirect, this.allowedOrigins);
      let client: ClientReturn | undefined;
      if (request.enterprise !== undefined || request.client) {
        const enterprise = await this.enterpriseOf(idpId, request.enterprise);
        if (request.client) {
          const schemes = enterprise.redirectSchemes;
          if (!isAllowedClientRedirect(request.client.redirectUri, schemes))
            throw refusals.redirectNotAllowed();
          refusalTarget = { ...request.client, language: request.language };
          client = clientReturnOf(request.client, request.language);
        }
      }
      const idp = await this.signInIdp(idpId);
      const { state, codeVerifier, browserBinding } = this.states.issue(idp.id, target, client);
      const location = authorizeUrl(larkOrigins(idp.platform, this.options.larkBaseUrl), {
        appId: idp.appId,
        redirectUri: this.redirectUri,
        state,
        codeChallenge: codeChallenge(codeVerifier),
      });
      this.metrics.loginsStarted.inc();
      return { status: 302, location, setCookie: this.cookie.set(browserBinding) };
    } catch (error) {
      const jsonLanguage = request.client ? request.language : undefined;
      return this.refuse(error, idpId, 'login refused', refusalTarget, jsonLanguage);
    }
  }

  /** The enterprise of the IdP, which must be the one the sign-in URL was discovered under when it says so. */
  private async enterpriseOf(idpId: string, identifier: string | undefined): Promise<EnterpriseSignIn> {
    if (!isIdpId(idpId)) throw refusals.unknownIdp();
    const enterprise = await this.enterprises.findByIdp(idpId).catch(() => {
      throw refusals.idpLookupFailed();
    });
    if (!enterprise) throw refusals.unknownIdp();
    if (identifier !== undefined && parseEnterpriseIdentifier(identifier) !== enterprise.authIdentifier)
      throw refusals.unknownIdp();
    return enterprise;
  }

  async callback(query: CallbackQuery): Promise<SsoReply> {
    return { ...(await this.finish(query)), setCookie: this.cookie.clear() };
  }

  private async finish(query: CallbackQuery): Promise<SsoReply> {
    let idpId: string | undefined;
    let client: ClientReturn | undefined;
    try {
      const state = this.states.verify(query.state, this.cookie.read(query.cookie));
      idpId = state.idpId;
      client = state.client;
      if (query.error) throw refusalForAuthorizeError(query.error);
      if (!query.code) throw refusals.missingCode();
      const reply = await this.completeSignIn(state, query.code);
      this.metrics.callbacks.inc({ outcome: 'session' });
      this.logger.info({ idpId, outcome: 'session' }, 'sign-in completed');
      return reply;
    } catch (error) {
      if (error instanceof SsoRefusal) this.metrics.callbacks.inc({ outcome: error.code });
      return this.refuse(error, idpId, 'sign-in refused', client);
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
    const name = standing?.name || user.name || '';
    if (state.client) return this.issueClientCode(state.client, { idpId: idp.id, openId: user.openId, name });
    const issued = await this.sessions
      .issue({ openId: user.openId, idpId: idp.id, name })
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

  /** Back to the native client with a one-time code, which only its PKCE verifier redeems (`POST /sso/token`). */
  private async issueClientCode(
    client: ClientReturn,
    subject: { idpId: string; openId: string; name: string },
  ): Promise<SsoReply> {
    const code = randomBytes(32).toString('base64url');
    await this.clientCodes
      .save(
        code,
        { ...subject, codeChallenge: client.codeChallenge, redirectUri: client.redirectUri },
        CLIENT_CODE_LIFETIME_MS,
      )
      .catch(() => {
        throw refusals.sessionsUnavailable();
      });
    return { status: 302, location: clientRedirect(client, { code }) };
  }

  private async signInIdp(idpId: string): Promise<IdpView> {
    const idp = await this.idps.find(idpId).catch(() => {
      throw refusals.idpLookupFailed();
    });
    if (!idp) throw refusals.unknownIdp();
    if (idp.status !== 'enabled') throw refusals.idpClosed();
    return idp;
  }

  /**
   * The refusal as JSON, localized when a native client asked; sent back to that client once its redirect URI
   * was accepted (RFC 6749 §4.1.2.1), with `error` and `error_description`.
   */
  private refuse(
    error: unknown,
    idpId: string | undefined,
    message: string,
    target?: RefusalTarget,
    jsonLanguage?: ClientLanguage,
  ): SsoReply {
    if (!(error instanceof SsoRefusal)) throw error;
    this.logger.warn({ idpId, reason: error.code, status: error.status }, message);
    if (target) {
      const description = refusalMessage(error.code, target.language);
      return {
        status: 302,
        location: clientRedirect(target, { error: error.code, error_description: description }),
      };
    }
    const text = jsonLanguage ? refusalMessage(error.code, jsonLanguage) : error.message;
    return { status: error.status, body: { error: error.code, message: text } };
  }
}
