import { generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { RamMode } from './accounts.js';

/** An OIDC identity provider registered in RAM (e.g. an ACK cluster's RRSA issuer). */
export interface OidcProvider {
  /** `acs:ram::<uid>:oidc-provider/<name>`. */
  readonly arn: string;
  /** The `iss` of its tokens. */
  readonly issuer: string;
  /** Accepted `aud` values (RRSA uses `sts.aliyuncs.com`). */
  readonly clientIds: readonly string[];
}

/** A RAM role that OIDC tokens may assume. */
export interface RamRole {
  /** `acs:ram::<uid>:role/<name>`. */
  readonly arn: string;
  /** The permanent AccessKeyId of the emulator account whose signs, templates and RAM mode the sessions use. */
  readonly accessKeyId: string;
  /** Providers whose tokens the role trusts. */
  readonly trustedProviderArns: readonly string[];
  /** The role's MaxSessionDuration; default 3600. */
  readonly maxSessionDurationSeconds?: number;
  /** Default: the account's. */
  readonly ramMode?: RamMode;
}

/** The providers and roles STS knows. */
export interface OidcSetup {
  readonly providers: readonly OidcProvider[];
  readonly roles: readonly RamRole[];
}

/** What to put in a token the emulator issues as the provider. */
export interface OidcTokenOptions {
  readonly providerArn: string;
  /** Default `system:serviceaccount:default:logto`. */
  readonly subject?: string;
  /** Default the provider's first client id. */
  readonly audience?: string | readonly string[];
  /** Default: the emulator clock's now. */
  readonly issuedAt?: Date;
  /** Default 3600. */
  readonly lifetimeSeconds?: number;
}

/** What STS reads from a valid token. */
export interface OidcClaims {
  readonly issuer: string;
  readonly subject: string;
  readonly audiences: readonly string[];
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

/** A token STS accepted, or its refusal in Aliyun's words. */
export type TokenCheck = { readonly ok: true; readonly claims: OidcClaims } | { readonly ok: false; readonly code: string; readonly message: string };

const HeaderSchema = z.object({ alg: z.string(), kid: z.string().optional() });
const ClaimsSchema = z.object({
  iss: z.string(),
  sub: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  iat: z.number(),
  exp: z.number(),
});

function invalid(message: string): TokenCheck {
  return { ok: false, code: 'AuthenticationFail.OIDCToken.Invalid', message };
}

function decodeJson(part: string): unknown {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value;
  } catch {
    return undefined;
  }
}

/**
 * Plays each provider's signing key: issues RS256 tokens as the provider would and verifies
 * them as STS does. Keys are made on first use, so emulators that never see OIDC start fast.
 */
export class OidcKeys {
  private readonly keys = new Map<string, { readonly privateKey: KeyObject; readonly publicKey: KeyObject }>();

  /** A signed token from `provider` (`iat`/`exp` in seconds, as JWTs have them). */
  issue(provider: OidcProvider, options: OidcTokenOptions, now: Date): string {
    const issuedAt = Math.floor((options.issuedAt ?? now).getTime() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: provider.arn };
    const claims = {
      iss: provider.issuer,
      sub: options.subject ?? 'system:serviceaccount:default:logto',
      aud: options.audience ?? provider.clientIds[0] ?? 'sts.aliyuncs.com',
      iat: issuedAt,
      exp: issuedAt + (options.lifetimeSeconds ?? 3600),
    };
    const signingInput = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const signature = sign('sha256', Buffer.from(signingInput), this.keysOf(provider.arn).privateKey).toString('base64url');
    return `${signingInput}.${signature}`;
  }

  /** Checks a token as STS does for `provider`: shape, algorithm, signature, expiry (emulator clock), audience. */
  verify(provider: OidcProvider, token: string, now: Date): TokenCheck {
    if (token === '') return invalid('The OIDCToken can not empty.');
    const parts = token.split('.');
    const [headerPart = '', claimsPart = '', signaturePart = ''] = parts;
    if (parts.length !== 3) return invalid("The number of Jwt field should be divided into 3 parts with '.' .");
    const header = HeaderSchema.safeParse(decodeJson(headerPart));
    const claims = ClaimsSchema.safeParse(decodeJson(claimsPart));
    if (!header.success || !claims.success) return invalid('The Jwt content is invalid that cannot be recognized.');
    if (header.data.alg !== 'RS256') return invalid(`The algorithm ${header.data.alg} that be specified in Jwt header is unknown.`);
    const signed = verify('sha256', Buffer.from(`${headerPart}.${claimsPart}`), this.keysOf(provider.arn).publicKey, Buffer.from(signaturePart, 'base64url'));
    if (!signed) return { ok: false, code: 'AuthenticationFail.OIDCToken.InvalidSignature', message: 'OIDC token validate failed: invalid signature.' };
    const { iss, sub, aud, iat, exp } = claims.data;
    if (exp * 1000 <= now.getTime()) return { ok: false, code: 'AuthenticationFail.OIDCToken.Expired', message: 'This JsonWebToken is expired.' };
    const audiences = typeof aud === 'string' ? [aud] : aud;
    if (!audiences.some((audience) => provider.clientIds.includes(audience))) {
      return { ok: false, code: 'AuthenticationFail.OIDCToken.AudienceNotMatch', message: 'Invalid audience.' };
    }
    return { ok: true, claims: { issuer: iss, subject: sub, audiences, issuedAt: new Date(iat * 1000), expiresAt: new Date(exp * 1000) } };
  }

  private keysOf(providerArn: string): { readonly privateKey: KeyObject; readonly publicKey: KeyObject } {
    let pair = this.keys.get(providerArn);
    if (pair === undefined) {
      pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
      this.keys.set(providerArn, pair);
    }
    return pair;
  }
}
