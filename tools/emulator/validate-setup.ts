import type { Account, SmsTemplate } from './accounts.js';
import type { GiftSign } from './gift-catalog.js';
import type { OidcSetup } from './oidc.js';

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

function validateTemplate(template: SmsTemplate, owner: string): void {
  const type = template.templateType;
  if (type !== undefined) {
    check((type === 3) === (template.kind === 'international'), `${owner}: template ${template.code} has kind ${template.kind} but TemplateType ${type} (3 if and only if international)`);
  }
  check(template.intlType === undefined || template.kind === 'international', `${owner}: template ${template.code} has an IntlType but is not international`);
}

function validateAccount(account: Account): void {
  const owner = `account ${account.accessKeyId}`;
  check(account.accessKeyId !== '' && account.accessKeySecret !== '', 'accounts need a non-empty accessKeyId and accessKeySecret');
  const codes = account.templates.map((template) => template.code);
  check(new Set(codes).size === codes.length, `${owner}: a template code appears twice`);
  account.templates.forEach((template) => {
    validateTemplate(template, owner);
  });
  const signs = account.signs ?? [];
  check(new Set(signs.map((sign) => sign.name)).size === signs.length, `${owner}: a sign name appears twice in signs`);
  for (const sign of signs) {
    const listed = account.signNames.includes(sign.name);
    check(!listed || (sign.status ?? 'approved') === 'approved', `${owner}: sign "${sign.name}" is in signNames (approved) but ${sign.status ?? ''} in signs`);
  }
  for (const held of account.temporaryCredentials ?? []) {
    check(held.accessKeyId.startsWith('STS.'), `${owner}: temporary AccessKeyId ${held.accessKeyId} must start with STS.`);
    check(held.accessKeySecret !== '' && held.securityToken !== '', `${owner}: temporary credentials need a secret and a security token`);
  }
}

/** Throws on a setup the emulator cannot serve faithfully, so a test's fixture error fails loudly at start. */
export function validateSetup(accounts: readonly Account[], oidc: OidcSetup, giftSigns: readonly GiftSign[]): void {
  check(accounts.length > 0, 'the emulator needs at least one account');
  accounts.forEach(validateAccount);
  const ids = accounts.flatMap((account) => [account.accessKeyId, ...(account.temporaryCredentials ?? []).map((held) => held.accessKeyId)]);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  check(duplicate === undefined, `duplicate accessKeyId ${duplicate ?? ''}`);
  const providerArns = oidc.providers.map((provider) => provider.arn);
  check(new Set(providerArns).size === providerArns.length, 'an OIDC provider ARN appears twice');
  for (const role of oidc.roles) {
    check(ids.includes(role.accessKeyId) && !role.accessKeyId.startsWith('STS.'), `role ${role.arn} names no account: ${role.accessKeyId}`);
    check(role.trustedProviderArns.every((arn) => providerArns.includes(arn)), `role ${role.arn} trusts an unknown provider`);
    const max = role.maxSessionDurationSeconds;
    check(max === undefined || (Number.isInteger(max) && max >= 900 && max <= 43_200), `role ${role.arn}: maxSessionDurationSeconds must be 900..43200`);
  }
  check(new Set(giftSigns.map((sign) => sign.name)).size === giftSigns.length, 'a gift sign name appears twice');
}
