import type { Account } from '../accounts.js';
import type { CredentialStore } from '../credentials.js';
import type { OidcKeys, OidcSetup } from '../oidc.js';
import { accept, refuse } from '../verdict.js';
import { missingParameter, outcome, type AnonymousApi, type ApiOutcome, type ApiRequest } from './api.js';
import { stableDigits } from './review-fields.js';

/** What STS needs from the emulator. */
export interface StsDeps {
  readonly oidc: OidcSetup;
  readonly keys: OidcKeys;
  readonly credentials: CredentialStore;
  readonly accounts: readonly Account[];
}

const MIN_DURATION_SECONDS = 900;
const DEFAULT_DURATION_SECONDS = 3600;
const SESSION_NAME = /^[a-zA-Z0-9.@_-]{2,64}$/;

function fail(code: string, status: number, message: string): ApiOutcome {
  return outcome(refuse(code, status, message));
}

/** `yyyy-MM-ddTHH:mm:ssZ`, as STS writes Expiration. */
function stsTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function durationOf(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return DEFAULT_DURATION_SECONDS;
  const value = Number(raw);
  return Number.isInteger(value) ? value : undefined;
}

/**
 * STS AssumeRoleWithOIDC (2015-04-01). No AccessKey signs it: the OIDC token authenticates the
 * caller. Checks parameters, the provider, the role and its trust, the token (signature,
 * expiry on the emulator clock, audience), the duration, then issues temporary credentials
 * that the other APIs accept for the role's account.
 */
export function createAssumeRoleWithOidcApi(deps: StsDeps): AnonymousApi {
  const handle = (request: ApiRequest): ApiOutcome => {
    const { values, now } = request;
    const missing = missingParameter(values, ['RoleArn', 'OIDCProviderArn', 'RoleSessionName'], false);
    if (missing !== undefined) return missing;
    const token = values.get('OIDCToken') ?? '';
    if (token === '') return fail('AuthenticationFail.OIDCToken.Invalid', 401, 'The OIDCToken can not empty.');
    const sessionName = values.get('RoleSessionName') ?? '';
    if (!SESSION_NAME.test(sessionName)) return fail('InvalidParameter.RoleSessionName', 400, 'The parameter RoleSessionName is wrongly formed.');
    const duration = durationOf(values.get('DurationSeconds'));
    if (duration === undefined) return fail('InvalidParameter.DurationSeconds', 400, 'The parameter DurationSeconds must be an integer.');

    const providerArn = values.get('OIDCProviderArn') ?? '';
    const provider = deps.oidc.providers.find((candidate) => candidate.arn === providerArn);
    if (provider === undefined) return fail('AuthenticationFail.NoPermission', 401, 'No such OIDC Provider registered.');
    const roleArn = values.get('RoleArn') ?? '';
    const role = deps.oidc.roles.find((candidate) => candidate.arn === roleArn);
    if (role === undefined) return fail('EntityNotExist.Role', 404, `The role not exists: ${roleArn}.`);
    if (!role.trustedProviderArns.includes(provider.arn)) return fail('AuthenticationFail.NoPermission', 401, 'There is no permission');
    const checked = deps.keys.verify(provider, token, now);
    if (!checked.ok) return fail(checked.code, 401, checked.message);
    const maxDuration = role.maxSessionDurationSeconds ?? DEFAULT_DURATION_SECONDS;
    if (duration < MIN_DURATION_SECONDS || duration > maxDuration) {
      return fail('InvalidParameter.DurationSeconds', 400, `The Min/Max value of DurationSeconds is ${MIN_DURATION_SECONDS}s/${maxDuration}s.`);
    }
    const account = deps.accounts.find((candidate) => candidate.accessKeyId === role.accessKeyId);
    if (account === undefined) return fail('EntityNotExist.Role', 404, `The role not exists: ${roleArn}.`);

    // Whole seconds, as Expiration is written: the emulator then expires exactly when the client thinks.
    const expiration = new Date(Math.floor(now.getTime() / 1000) * 1000 + duration * 1000);
    const issued = deps.credentials.issue({ account, ramMode: role.ramMode ?? account.ramMode ?? 'full', expiration, roleArn, roleSessionName: sessionName });
    const { claims } = checked;
    return {
      verdict: accept(false),
      message: undefined,
      body: {
        RequestId: request.requestId,
        OIDCTokenInfo: {
          Subject: claims.subject,
          Issuer: claims.issuer,
          ClientIds: claims.audiences.join(','),
          ExpirationTime: stsTime(claims.expiresAt),
          IssuanceTime: stsTime(claims.issuedAt),
          VerificationInfo: 'Success',
        },
        AssumedRoleUser: { Arn: `${role.arn}/${sessionName}`, AssumedRoleId: `3${stableDigits(role.arn, 16)}:${sessionName}` },
        Credentials: {
          SecurityToken: issued.securityToken,
          Expiration: stsTime(issued.expiration),
          AccessKeySecret: issued.accessKeySecret,
          AccessKeyId: issued.accessKeyId,
        },
      },
    };
  };
  return {
    action: 'AssumeRoleWithOIDC',
    version: '2015-04-01',
    product: 'Sts',
    auth: 'anonymous',
    ramAction: 'sts:AssumeRoleWithOIDC',
    sendOnlyAllowed: true,
    handle,
  };
}
