import { describe, expect, it } from 'vitest';

import { templateFindings, templateVariables, type RegionsServed, type TemplateUse } from './template-checks.js';

const mainlandType = 0;
const internationalType = 3;

const use = (overrides: Partial<TemplateUse> = {}): TemplateUse => ({
  code: 'SMS_1',
  usedBy: ['SignIn', 'SignIn en'],
  role: 'any',
  variables: ['code'],
  ...overrides,
});

const template = (TemplateType: number, TemplateContent = '您的验证码为${code}', TemplateStatus = 1) => ({
  TemplateStatus,
  TemplateType,
  TemplateContent,
});

const everywhere: RegionsServed = { mainland: true, international: true, restricted: false };
const check = 'template SMS_1 (SignIn, SignIn en)';

describe('templateVariables', () => {
  it('lists each ${variable} once, in order of appearance', () => {
    expect(templateVariables('${code} is your code for ${product}; ${code} again, ${}')).toEqual(['code', 'product', '']);
    expect(templateVariables('no variables')).toEqual([]);
  });
});

describe('templateFindings', () => {
  it('passes an approved template of the right kind whose variables the connector fills', () => {
    expect(templateFindings(use({ role: 'china' }), template(mainlandType), everywhere)).toEqual([
      { check, status: 'passed', advice: 'Approved, of the right kind, with the variables the connector fills.' },
    ]);
  });

  it('reports only the review state of a template that is not approved', () => {
    expect(templateFindings(use({ role: 'china', variables: [] }), { ...template(internationalType, '${code}', 2), AuditInfo: { RejectInfo: '错别字' } }, everywhere)).toEqual([
      { check, status: 'problem', advice: 'The template was rejected (错别字): fix it and apply again, or use another one.', field: 'templates' },
    ]);
  });

  it.each([
    ['china', internationalType, 'It is the china code but an international template: mainland numbers need a mainland template.'],
    ['overseas', mainlandType, 'It is the overseas code but a mainland China template: international numbers need an international template.'],
  ] as const)('finds the %s code of the wrong kind a problem of templates', (role, type, advice) => {
    expect(templateFindings(use({ role }), template(type), everywhere)).toEqual([{ check, status: 'problem', advice, field: 'templates' }]);
  });

  it('accepts an international template as the overseas code', () => {
    expect(templateFindings(use({ role: 'overseas' }), template(internationalType), everywhere).map(({ status }) => status)).toEqual(['passed']);
  });

  it.each([
    [
      'a mainland template, with every region allowed by default',
      mainlandType,
      everywhere,
      'note',
      'It is a mainland China template, so numbers outside mainland China cannot receive it: use { "china": …, "overseas": … } if you have such users, or set allowedCountries.',
    ],
    [
      'an international template, with every region allowed by default',
      internationalType,
      everywhere,
      'note',
      'It is an international template, so mainland China numbers cannot receive it: use { "china": …, "overseas": … } if you have such users, or set allowedCountries.',
    ],
    [
      'a mainland template, with allowedCountries letting others in',
      mainlandType,
      { mainland: true, international: true, restricted: true },
      'problem',
      'It is a mainland China template, but allowedCountries lets numbers outside mainland China sign in: give them their own template with { "china": …, "overseas": … }.',
    ],
    [
      'an international template, with allowedCountries letting mainland China in',
      internationalType,
      { mainland: true, international: true, restricted: true },
      'problem',
      'It is an international template, but allowedCountries lets mainland China numbers sign in: give them their own template with { "china": …, "overseas": … }.',
    ],
  ])('says what a plain code serves: %s', (_name, type, regions, status, advice) => {
    expect(templateFindings(use(), template(type), regions)).toEqual([{ check, status, advice, field: 'templates' }]);
  });

  it.each([
    ['a mainland template to mainland numbers only', mainlandType, { mainland: true, international: false, restricted: true }],
    ['an international template to numbers abroad only', internationalType, { mainland: false, international: true, restricted: true }],
  ])('passes a plain code that serves every allowed number: %s', (_name, type, regions) => {
    expect(templateFindings(use(), template(type), regions).map(({ status }) => status)).toEqual(['passed']);
  });

  it('names the variables the connector does not fill, and those it fills in vain', () => {
    const findings = templateFindings(
      use({ role: 'china', variables: ['code', 'min'] }),
      template(mainlandType, '${name}，您的验证码为${code}，${time}内有效，${name}'),
      everywhere
    );
    expect(findings).toEqual([
      {
        check,
        status: 'problem',
        advice: 'Its text needs ${name}, ${time}, which the connector does not fill: set the entry’s params to fill them.',
        field: 'templates',
      },
      { check, status: 'note', advice: 'The connector sends min, which its text does not use.', field: 'templates' },
    ]);
  });

  it('puts the kind finding before the variable findings', () => {
    const findings = templateFindings(use({ role: 'china', variables: ['code', 'product'] }), template(internationalType), everywhere);
    expect(findings.map(({ status, advice }) => [status, advice.slice(0, 20)])).toEqual([
      ['problem', 'It is the china code'],
      ['note', 'The connector sends '],
    ]);
  });
});
