import type { Account } from './accounts.js';
import { resolveTemplate, signsOf } from './catalog.js';
import { GIFT_TEMPLATES, type GiftSign } from './gift-catalog.js';
import type { Emulator } from './index.js';

/** What the command line knows beyond the emulator itself. */
export interface BannerContext {
  readonly caFile: string | undefined;
  readonly oidcTokenFile: string | undefined;
  readonly rateLimits: boolean;
  readonly faults: readonly string[];
}

function accountLines(account: Account): string[] {
  const lines = [
    '',
    `  AccessKeyId:     ${account.accessKeyId}`,
    `  AccessKeySecret: ${account.accessKeySecret}`,
    `  RAM:             ${account.ramMode === 'send-only' ? 'send-only (GetSmsSign/GetSmsTemplate/QuerySendDetails: Forbidden.RAM)' : 'full'}`,
  ];
  for (const held of account.temporaryCredentials ?? []) {
    lines.push(`  STS key:         ${held.accessKeyId} / ${held.accessKeySecret}, SecurityToken ${held.securityToken} (until ${held.expiration.toISOString()})`);
  }
  lines.push('  signs:');
  for (const sign of signsOf(account)) {
    const notes = [sign.status, `SignTag ${sign.tag}`, sign.scene, ...(sign.usable ? [] : ['unusable']), ...(sign.rejectReason === undefined ? [] : [sign.rejectReason])];
    lines.push(`    ${sign.name} [${notes.join(', ')}]`);
  }
  lines.push('  templates:');
  for (const template of account.templates.map(resolveTemplate)) {
    const notes = [template.status, `type ${template.templateType}`, ...(template.language === undefined ? [] : [template.language])];
    lines.push(`    ${template.code} (${template.kind}) [${notes.join(', ')}]: ${template.content}`);
  }
  return lines;
}

function giftLines(giftSigns: readonly GiftSign[]): string[] {
  const lines = ['', '  SMS authentication (Dypnsapi SendSmsVerifyCode) gift signs:'];
  for (const sign of giftSigns) {
    const from = sign.validFrom === undefined ? '' : ` from ${sign.validFrom.toISOString()}`;
    const until = sign.validUntil === undefined ? '' : ` until ${sign.validUntil.toISOString()}`;
    lines.push(`    ${sign.name}${from}${until}`);
  }
  lines.push('  gift templates:', ...GIFT_TEMPLATES.map((template) => `    ${template.code} (${template.scene}): ${template.content}`));
  return lines;
}

function stsLines(emulator: Emulator, context: BannerContext): string[] {
  const { providers, roles } = emulator.oidc;
  if (providers.length === 0) return [];
  const lines = ['', '  STS AssumeRoleWithOIDC:'];
  for (const provider of providers) lines.push(`    provider ${provider.arn} (iss ${provider.issuer}, aud ${provider.clientIds.join(', ')})`);
  for (const role of roles) lines.push(`    role     ${role.arn} → ${role.accessKeyId}${role.ramMode === 'send-only' ? ' (send-only)' : ''}`);
  if (context.oidcTokenFile !== undefined && emulator.httpsUrl !== undefined) {
    lines.push(
      '    @alicloud/credentials (HTTPS only) can use it with:',
      `      ALIBABA_CLOUD_ROLE_ARN=${roles[0]?.arn ?? ''}`,
      `      ALIBABA_CLOUD_OIDC_PROVIDER_ARN=${providers[0]?.arn ?? ''}`,
      `      ALIBABA_CLOUD_OIDC_TOKEN_FILE=${context.oidcTokenFile}`,
      `      NODE_EXTRA_CA_CERTS=${context.caFile ?? ''}`,
      `      and new Config({ type: 'oidc_role_arn', stsEndpoint: '${new URL(emulator.httpsUrl).host}' })`,
    );
  } else {
    lines.push('    (start with --https to get an OIDC token file for @alicloud/credentials, which calls STS over HTTPS only)');
  }
  return lines;
}

/** The command line's start-up text: where it listens and every piece of demo data. */
export function banner(emulator: Emulator, context: BannerContext): string {
  const lines = [
    'Aliyun SMS emulator: Dysmsapi SendSms, QuerySendDetails, GetSmsSign, GetSmsTemplate; Dypnsapi SendSmsVerifyCode; STS AssumeRoleWithOIDC (signatures V1 and V3)',
    `  http:  ${emulator.url}`,
  ];
  if (emulator.httpsUrl !== undefined) {
    lines.push(`  https: ${emulator.httpsUrl}`, `         self-signed; trust it with NODE_EXTRA_CA_CERTS=${context.caFile ?? '(not written)'}`);
  }
  lines.push(`  rate limits: ${context.rateLimits ? '1/minute, 5/hour, 10/day per number and sign name; SendSmsVerifyCode: Interval (60 s), 5/hour, 10/day per number' : 'off'}`);
  if (context.faults.length > 0) lines.push(`  faults on every request: ${context.faults.join(', ')}`);
  for (const account of emulator.accounts) lines.push(...accountLines(account));
  lines.push(...giftLines(emulator.giftSigns), ...stsLines(emulator, context), '', 'Ctrl+C stops.', '');
  return lines.join('\n');
}
