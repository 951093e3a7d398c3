import { randomBytes } from 'node:crypto';
import type { Account, RamMode } from './accounts.js';

/** An AccessKeyId as the gateway resolved it: whose it is, its secret, and for STS keys the token it needs. */
export interface ResolvedCredential {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly account: Account;
  readonly ramMode: RamMode;
  /** Set for temporary (STS) credentials only. */
  readonly temporary: { readonly securityToken: string; readonly expiration: Date } | undefined;
}

/** Temporary credentials the emulator's STS issued during the run. */
export interface IssuedCredential {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string;
  /** Emulator clock. */
  readonly expiration: Date;
  /** The permanent AccessKeyId of the account the session acts for. */
  readonly accountAccessKeyId: string;
  readonly roleArn: string;
  readonly roleSessionName: string;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomText(length: number): string {
  return Array.from(randomBytes(length), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}

/** What AssumeRoleWithOIDC hands out for one session. */
export interface IssueRequest {
  readonly account: Account;
  readonly ramMode: RamMode;
  readonly expiration: Date;
  readonly roleArn: string;
  readonly roleSessionName: string;
}

/** Every AccessKeyId the emulator accepts: the accounts' permanent and temporary keys, and those STS issued. */
export class CredentialStore {
  /** Live view, oldest first. */
  readonly issued: IssuedCredential[] = [];
  private readonly issuedAccounts = new Map<string, { readonly account: Account; readonly ramMode: RamMode }>();

  constructor(private readonly accounts: readonly Account[]) {}

  /** The credential an AccessKeyId stands for, if any. */
  find(accessKeyId: string): ResolvedCredential | undefined {
    for (const account of this.accounts) {
      const ramMode = account.ramMode ?? 'full';
      if (account.accessKeyId === accessKeyId) {
        return { accessKeyId, accessKeySecret: account.accessKeySecret, account, ramMode, temporary: undefined };
      }
      const held = account.temporaryCredentials?.find((credential) => credential.accessKeyId === accessKeyId);
      if (held !== undefined) {
        return {
          accessKeyId,
          accessKeySecret: held.accessKeySecret,
          account,
          ramMode: held.ramMode ?? ramMode,
          temporary: { securityToken: held.securityToken, expiration: held.expiration },
        };
      }
    }
    const issued = this.issued.find((credential) => credential.accessKeyId === accessKeyId);
    const owner = this.issuedAccounts.get(accessKeyId);
    if (issued === undefined || owner === undefined) return undefined;
    return {
      accessKeyId,
      accessKeySecret: issued.accessKeySecret,
      account: owner.account,
      ramMode: owner.ramMode,
      temporary: { securityToken: issued.securityToken, expiration: issued.expiration },
    };
  }

  /** Mints fresh temporary credentials in Aliyun's shapes (`STS.` key, `CAIS` token). */
  issue(request: IssueRequest): IssuedCredential {
    const credential: IssuedCredential = {
      accessKeyId: `STS.${randomText(25)}`,
      accessKeySecret: randomText(44),
      securityToken: `CAIS${randomBytes(240).toString('base64')}`,
      expiration: request.expiration,
      accountAccessKeyId: request.account.accessKeyId,
      roleArn: request.roleArn,
      roleSessionName: request.roleSessionName,
    };
    this.issued.push(credential);
    this.issuedAccounts.set(credential.accessKeyId, { account: request.account, ramMode: request.ramMode });
    return credential;
  }
}
