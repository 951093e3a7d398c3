import { ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { thrownBy } from '../test/support/rejection.js';

import { chooseTemplate } from './templates.js';

const templates = [
  { usageType: 'SignIn', templateCode: 'SMS_SIGN_IN' },
  { usageType: 'Register', templateCode: { china: 'SMS_REG_CN', overseas: 'SMS_REG_INTL' } },
  { usageType: 'Generic', templateCode: { china: 'SMS_GEN_CN', overseas: 'SMS_GEN_INTL' } },
];

describe('chooseTemplate', () => {
  it('uses the template of the exact usage type', () => {
    expect(chooseTemplate(templates, 'SignIn', 'mainland')).toEqual({
      usageType: 'SignIn',
      templateCode: 'SMS_SIGN_IN',
    });
  });

  it('uses a string template code for both regions', () => {
    expect(chooseTemplate(templates, 'SignIn', 'international').templateCode).toBe('SMS_SIGN_IN');
  });

  it('picks china or overseas by the recipient region', () => {
    expect(chooseTemplate(templates, 'Register', 'mainland').templateCode).toBe('SMS_REG_CN');
    expect(chooseTemplate(templates, 'Register', 'international').templateCode).toBe('SMS_REG_INTL');
  });

  it('falls back to Generic for a type without its own template', () => {
    expect(chooseTemplate(templates, 'MfaVerification', 'international')).toEqual({
      usageType: 'Generic',
      templateCode: 'SMS_GEN_INTL',
    });
  });

  it('uses the first entry when a usage type is listed twice, as the official connector does', () => {
    const duplicated = [
      { usageType: 'SignIn', templateCode: 'SMS_FIRST' },
      { usageType: 'SignIn', templateCode: 'SMS_SECOND' },
    ];
    expect(chooseTemplate(duplicated, 'SignIn', 'mainland').templateCode).toBe('SMS_FIRST');
  });

  it('throws template_not_found naming the usage type when neither it nor Generic exists', () => {
    const error = thrownBy(() => chooseTemplate(templates.slice(0, 1), 'BindMfa', 'mainland'));
    expect(error.code).toBe(ConnectorErrorCodes.TemplateNotFound);
    expect(error.message).toContain('BindMfa');
  });
});
