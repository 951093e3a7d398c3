import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { aliyunSmsConfigGuard } from '../config/schema.js';

import { classifyCode, knownCodes, knownFamilies, type AliyunProduct } from './classify.js';
import type { CodeKind, CodeTable } from './rpc/codes/meaning.js';

const unknown = classifyCode('dysms', 'isv.SOMETHING_NOBODY_DOCUMENTED');

// The error table of shared/docs/aliyun-sms-api.md (plus Aliyun's test-mode and frozen-account
// codes), with the class that table gives each code.
const dysmsExpectations: ReadonlyArray<readonly [string, CodeKind]> = [
  ['isv.BUSINESS_LIMIT_CONTROL', 'per-number-limit'],
  ['isv.DAY_LIMIT_CONTROL', 'quota'],
  ['isv.MONTH_LIMIT_CONTROL', 'quota'],
  ['isv.AMOUNT_NOT_ENOUGH', 'quota'],
  ['isv.OUT_OF_SERVICE', 'quota'],
  ['isv.MOBILE_NUMBER_ILLEGAL', 'recipient'],
  ['isv.MOBILE_COUNT_OVER_LIMIT', 'recipient'],
  ['isv.DOMESTIC_NUMBER_NOT_SUPPORTED', 'recipient'],
  ['isv.SMS_SIGNATURE_ILLEGAL', 'config'],
  ['isv.SIGN_NAME_ILLEGAL', 'config'],
  ['isv.SIGN_STATE_ILLEGAL', 'config'],
  ['isv.SMS_SIGNATURE_SCENE_ILLEGAL', 'config'],
  ['isv.SMS_TEMPLATE_ILLEGAL', 'config'],
  ['isv.TEMPLATE_MISSING_PARAMETERS', 'config'],
  ['isv.TEMPLATE_PARAMS_ILLEGAL', 'config'],
  ['isv.INVALID_JSON_PARAM', 'config'],
  ['isv.PARAM_LENGTH_LIMIT', 'config'],
  ['isv.PARAM_NOT_SUPPORT_URL', 'config'],
  ['isv.BLACK_KEY_CONTROL_LIMIT', 'config'],
  ['isv.SMS_CONTENT_ILLEGAL', 'config'],
  ['isv.DENY_IP_RANGE', 'deployment'],
  ['isv.INTERFACE_OFFLINE', 'deployment'],
  ['isv.PRODUCT_UN_SUBSCRIPT', 'config'],
  ['isv.ACCOUNT_NOT_EXISTS', 'config'],
  ['isv.ACCOUNT_ABNORMAL', 'config'],
  ['isv.SECURITY_FROZEN_ACCOUNT', 'config'],
  ['isv.SMS_TEST_NUMBER_LIMIT', 'config'],
  ['isv.SMS_TEST_SIGN_TEMPLATE_LIMIT', 'config'],
  ['isv.SMS_TEST_TEMPLATE_PARAMS_ILLEGAL', 'config'],
  ['isp.SYSTEM_ERROR', 'aliyun-fault'],
];

// The SMS authentication service's codes of shared/docs/aliyun-services.md.
const dypnsExpectations: ReadonlyArray<readonly [string, CodeKind]> = [
  ['BUSINESS_LIMIT_CONTROL', 'per-number-limit'],
  ['FREQUENCY_FAIL', 'per-number-limit'],
  ['MOBILE_NUMBER_ILLEGAL', 'recipient'],
  ['SECURITY_INTERCEPTED', 'aliyun-fault'],
  ['RESOURCE_NOT_ENOUGH', 'quota'],
  ['BALANCE_NOT_ENOUGH', 'quota'],
  ['AMOUNT_NOT_ENOUGH', 'quota'],
  ['INVALID_PARAMETERS', 'config'],
  ['SMS_SIGNATURE_ILLEGAL', 'config'],
  ['SIGN_NAME_ILLEGAL', 'config'],
  ['SMS_TEMPLATE_ILLEGAL', 'config'],
  ['TEMPLATE_ILLEGAL', 'config'],
  ['BIZ_NOT_OPEN_STATUS', 'config'],
  ['PRODUCT_UN_SUBSCRIPT', 'config'],
];

// The international site's codes (shared/docs/aliyun-international.md, Aliyun's international
// error-code page).
const intlExpectations: ReadonlyArray<readonly [string, CodeKind]> = [
  ['QPS_LIMIT_CONTROL', 'throttled'],
  ['AMOUNT_NOT_ENOUGH', 'quota'],
  ['OUT_OF_SERVICE', 'quota'],
  ['ACCOUNT_ILLEGAL', 'quota'],
  ['MOBILE_NUMBER_ILLEGAL', 'recipient'],
  ['MOBILE_COUNT_OVER_LIMIT', 'recipient'],
  ['NOT_SUPPORTED_COUNTRY', 'recipient'],
  ['INVALID_SENDERID', 'config'],
  ['SMS_SIGN_NAME_ILLEGAL', 'config'],
  ['SMS_CONTENT_CODE_ILLEGAL', 'config'],
  ['CONTENT_MISSING_PARAMETERS', 'config'],
  ['INVALID_JSON_PARAM', 'config'],
  ['PARAM_LENGTH_LIMIT', 'config'],
  ['INVALID_PARAMETERS', 'config'],
  ['SMS_CONTENT_ILLEGAL', 'config'],
  ['BLACK_KEY_CONTROL_LIMIT', 'config'],
  ['ACCOUNT_NOT_EXISTS', 'config'],
  ['PRODUCT_NOT_SUBSCRIBED', 'config'],
  ['RAM_PERMISSION_DENY', 'config'],
  ['FORBIDDEN_ACTION', 'config'],
  ['SYSTEM_ERROR', 'aliyun-fault'],
  ['ONLINE_BILLING_FAILED', 'aliyun-fault'],
  ['SMS_SECURITY_INTERCEPTED', 'aliyun-fault'],
  ['DATA_NOT_EXIST', 'aliyun-fault'],
  ['QUERY_DATE_ILLEGAL', 'aliyun-fault'],
];

const ownExpectations: Readonly<Record<AliyunProduct, ReadonlyArray<readonly [string, CodeKind]>>> = {
  dysms: dysmsExpectations,
  dypns: dypnsExpectations,
  intl: intlExpectations,
};

// The gateway's codes, shared by every product.
const gatewayExpectations: ReadonlyArray<readonly [string, CodeKind]> = [
  ['Throttling', 'throttled'],
  ['isp.RAM_PERMISSION_DENY', 'config'],
  ['Forbidden.RAM', 'config'],
  ['SignatureDoesNotMatch', 'config'],
  ['InvalidAccessKeyId.NotFound', 'config'],
  ['InvalidAccessKeyId.Inactive', 'config'],
  ['InvalidTimeStamp.Expired', 'deployment'],
  ['SignatureNonceUsed', 'aliyun-fault'],
  ['MissingSecurityToken', 'config'],
  ['InternalError', 'aliyun-fault'],
  ['ServiceUnavailable', 'aliyun-fault'],
];

const products: readonly AliyunProduct[] = ['dysms', 'dypns', 'intl'];

describe('classifyCode', () => {
  it.each(dysmsExpectations)('reads SendSms’s %s as %s', (code, kind) => {
    expect(classifyCode('dysms', code).kind).toBe(kind);
  });

  it.each(dypnsExpectations)('reads SendSmsVerifyCode’s %s as %s', (code, kind) => {
    expect(classifyCode('dypns', code).kind).toBe(kind);
  });

  it.each(products.flatMap((product) => gatewayExpectations.map(([code, kind]) => [product, code, kind] as const)))(
    'reads the gateway’s %s %s as %s',
    (product, code, kind) => {
      expect(classifyCode(product, code).kind).toBe(kind);
    }
  );

  it('reads each product’s codes from its own table only', () => {
    expect(classifyCode('dypns', 'BUSINESS_LIMIT_CONTROL').kind).toBe('per-number-limit');
    expect(classifyCode('dysms', 'BUSINESS_LIMIT_CONTROL')).toBe(unknown);
    expect(classifyCode('dypns', 'isv.BUSINESS_LIMIT_CONTROL')).toBe(unknown);
    expect(classifyCode('dysms', 'isv.MOBILE_NUMBER_ILLEGAL').field).toBe('templates');
    expect(classifyCode('dypns', 'MOBILE_NUMBER_ILLEGAL').field).toBeUndefined();
    expect(classifyCode('dysms', 'PRODUCT_UN_SUBSCRIPT')).toBe(unknown);
  });

  it('names the config key to fix where the tables blame one', () => {
    expect(classifyCode('dysms', 'isv.SMS_SIGNATURE_ILLEGAL').field).toBe('signName');
    expect(classifyCode('dysms', 'isv.SMS_TEMPLATE_ILLEGAL').field).toBe('templates');
    expect(classifyCode('dysms', 'SignatureDoesNotMatch').field).toBe('accessKeySecret');
    expect(classifyCode('dysms', 'InvalidAccessKeyId.NotFound').field).toBe('accessKeyId');
    expect(classifyCode('dypns', 'PRODUCT_UN_SUBSCRIPT').field).toBe('service');
    expect(classifyCode('dypns', 'BIZ_NOT_OPEN_STATUS').field).toBe('service');
    expect(classifyCode('dypns', 'SMS_SIGNATURE_ILLEGAL').field).toBe('signName');
    expect(classifyCode('dysms', 'MissingSecurityToken').field).toBe('securityToken');
    expect(classifyCode('dysms', 'isv.DAY_LIMIT_CONTROL').field).toBeUndefined();
  });

  describe('families', () => {
    it.each([
      ['Throttling.User', 'throttled', undefined],
      ['Throttling.Api', 'throttled', undefined],
      ['Throttling.Something.New', 'throttled', undefined],
      ['InvalidAccessKeyId.Malformed', 'config', 'accessKeyId'],
      ['InvalidSecurityToken.Expired', 'config', 'securityToken'],
      ['InvalidSecurityToken.Malformed', 'config', 'securityToken'],
      ['Forbidden.AccessKeyDisabled', 'config', 'accessKeyId'],
    ] as const)('reads %s by its prefix as %s', (code, kind, field) => {
      for (const product of products) {
        const meaning = classifyCode(product, code);
        expect(meaning.kind).toBe(kind);
        expect(meaning.field).toBe(field);
      }
    });

    it('prefers an exact code to its family', () => {
      const notFound = classifyCode('dysms', 'InvalidAccessKeyId.NotFound');
      const family = classifyCode('dysms', 'InvalidAccessKeyId.Malformed');
      expect(notFound.advice).not.toBe(family.advice);
      expect(notFound.advice).toMatch(/does not know this accessKeyId/);
    });

    it.each(['ThrottlingLike', 'Forbidden', 'InvalidSecurityToken', 'throttling.user', 'InvalidTimeStamp.Format', 'xThrottling.User'])(
      'does not stretch a family to %s',
      (code) => {
        expect(classifyCode('dysms', code)).toBe(unknown);
      }
    );

    it('lists the families', () => {
      expect(knownFamilies()).toEqual(['Throttling.', 'InvalidAccessKeyId.', 'InvalidSecurityToken.', 'Forbidden.']);
    });
  });

  describe('unknown codes', () => {
    it('are Aliyun faults after which the SMS may have been sent', () => {
      expect(unknown.kind).toBe('aliyun-fault');
      expect(unknown.field).toBeUndefined();
      expect(unknown.advice).toMatch(/does not know/);
    });

    it.each(['', 'OK', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isv.', 'isv.constructor'])(
      'include %j, prototype names too',
      (code) => {
        for (const product of products) {
          expect(classifyCode(product, code)).toBe(unknown);
        }
      }
    );
  });
});

describe('knownCodes', () => {
  it.each(products)('lists %s’s codes and the gateway’s, each once', (product) => {
    const codes = knownCodes(product);
    expect(new Set(codes).size).toBe(codes.length);
    const own = ownExpectations[product];
    expect([...codes].sort()).toEqual([...own, ...gatewayExpectations].map(([code]) => code).sort());
  });

  it.each(products)('maps every code %s knows to a row of its own', (product) => {
    for (const code of knownCodes(product)) {
      expect(classifyCode(product, code), code).not.toBe(unknown);
    }
  });

  it('keeps the prefix apart: no isv. code among the SMS authentication service’s', () => {
    expect(knownCodes('dypns').filter((code) => code.startsWith('isv.'))).toEqual([]);
  });

  it.each(products)('gives each of %s’s codes advice in one sentence', (product) => {
    for (const code of knownCodes(product)) {
      const { advice } = classifyCode(product, code);
      expect(advice, code).toMatch(/^[A-Z].*\.$/);
      // One sentence: a single full stop, at the end ("e.g." aside).
      const sentences = advice.replace(/e\.g\./g, 'eg').split(/[.!?](?:\s|$)/);
      expect(sentences.filter(Boolean), code).toHaveLength(1);
    }
  });
});

describe('the order of the tables', () => {
  afterEach(() => {
    vi.doUnmock('./dysms/codes.js');
    vi.resetModules();
  });

  it('looks in the product’s table before the gateway’s, exact codes and families alike', async () => {
    vi.resetModules();
    const productRow = { kind: 'quota', advice: 'The product table answered.' } as const;
    const table: CodeTable = {
      exact: new Map([['Throttling', productRow]]),
      families: [['Throttling.', productRow]],
    };
    vi.doMock('./dysms/codes.js', () => ({ dysmsCodes: table }));
    const shadowed = await import('./classify.js');
    expect(shadowed.classifyCode('dysms', 'Throttling')).toBe(productRow);
    expect(shadowed.classifyCode('dysms', 'Throttling.User')).toBe(productRow);
    expect(shadowed.classifyCode('dypns', 'Throttling.User').kind).toBe('throttled');
  });
});

// docs/errors.md, read as the administrator reads it: one table row per group of Aliyun codes,
// with the ConnectorErrorCodes value Logto gets and, in backticks, the config keys to fix.
type DocumentedSection = 'gateway' | AliyunProduct;
type DocumentedRow = {
  readonly section: DocumentedSection;
  /** Exact codes, e.g. `isv.DAY_LIMIT_CONTROL`. */
  readonly codes: readonly string[];
  /** Families written `Throttling.*`, as prefixes ("Throttling."). */
  readonly prefixes: readonly string[];
  /** Whether the row is the one for codes nobody listed ("any other code"). */
  readonly otherCodes: boolean;
  readonly logtoGets: string;
  /** The config keys the row's advice names. */
  readonly keysToFix: readonly string[];
};

const errorsPage = readFileSync(fileURLToPath(new URL('../../docs/errors.md', import.meta.url)), 'utf8');
const configKeys: readonly string[] = Object.keys(aliyunSmsConfigGuard.innerType().shape);
const backticked = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');

const sectionOf = (heading: string): DocumentedSection | undefined => {
  if (heading.startsWith('Gateway codes')) {
    return 'gateway';
  }
  if (heading.startsWith('Short Message Service')) {
    return 'dysms';
  }
  if (heading.startsWith('International site')) {
    return 'intl';
  }
  return heading.startsWith('SMS authentication service') ? 'dypns' : undefined;
};

const documentedRows: readonly DocumentedRow[] = (() => {
  const rows: DocumentedRow[] = [];
  let section: DocumentedSection | undefined;
  for (const line of errorsPage.split('\n')) {
    if (line.startsWith('## ')) {
      section = undefined;
    } else if (line.startsWith('### ')) {
      section = sectionOf(line.slice('### '.length));
    } else if (section !== undefined && line.startsWith('| ') && !line.startsWith('| Code |')) {
      const [names = '', logtoGets = '', whatToDo = ''] = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      const tokens = backticked(names);
      rows.push({
        section,
        codes: tokens.filter((token) => !token.endsWith('*')),
        prefixes: tokens.filter((token) => token.endsWith('.*')).map((token) => token.slice(0, -1)),
        otherCodes: names === 'any other code',
        logtoGets: backticked(logtoGets)[0] ?? '',
        keysToFix: backticked(whatToDo).filter((token) => configKeys.includes(token)),
      });
    }
  }
  return rows;
})();

const rowsFor = (product: AliyunProduct): readonly DocumentedRow[] =>
  documentedRows.filter(({ section }) => section === product || section === 'gateway');

/**
 * The tables are data, built when their modules load. These tests load them afresh inside each
 * test, so that mutation testing (which tells tests apart by what runs during them) sees the
 * tables checked here and not only by whichever test happened to load them first.
 */
const loadTablesAfresh = async () => {
  vi.resetModules();
  // One after the other: the two modules import each other through the product registry, and
  // vitest's module runner can deadlock on two concurrent imports of one cycle.
  const classify = await import('./classify.js');
  const failures = await import('./rpc/failures.js');
  return { ...classify, connectorCodeOfKind: failures.connectorCodeOfKind };
};

describe('the code tables, against docs/errors.md', () => {
  let tables: Awaited<ReturnType<typeof loadTablesAfresh>>;

  beforeEach(async () => {
    tables = await loadTablesAfresh();
  });

  it('reads a table for the gateway and for each product from the page', () => {
    for (const section of ['gateway', 'dysms', 'dypns', 'intl'] as const) {
      expect(documentedRows.filter((row) => row.section === section).length, section).toBeGreaterThan(3);
    }
    expect(configKeys).toContain('signName');
  });

  it.each(products)('gives every code the page lists for %s the Logto code the page states', (product) => {
    for (const { codes, logtoGets } of rowsFor(product)) {
      for (const code of codes) {
        expect(tables.connectorCodeOfKind(tables.classifyCode(product, code).kind), code).toBe(logtoGets);
      }
    }
  });

  it.each(products)('knows for %s only codes the page lists, and its own row for each code of its own list', (product) => {
    const rows = rowsFor(product);
    const documented = rows.flatMap(({ codes }) => codes);
    const prefixes = rows.flatMap((row) => row.prefixes);
    const known = tables.knownCodes(product);
    expect(known.filter((code) => !documented.includes(code))).toEqual([]);
    // The page may name a family's members as examples ("Throttling.User"); the family reads them.
    const read = documented.filter((code) => !known.includes(code));
    expect(read.filter((code) => !prefixes.some((prefix) => code.startsWith(prefix)))).toEqual([]);
    // The page cannot tell an exact code from a family's example; the lists above, from
    // Aliyun's own error tables, can.
    const own = ownExpectations[product];
    const expectations = [...own, ...gatewayExpectations];
    expect([...known].sort()).toEqual(expectations.map(([code]) => code).sort());
    for (const [code, kind] of expectations) {
      expect(tables.classifyCode(product, code).kind, code).toBe(kind);
    }
  });

  it.each(products)('reads a new member of each family the page lists as that family, for %s', (product) => {
    const families = rowsFor(product).filter(({ prefixes }) => prefixes.length > 0);
    expect([...tables.knownFamilies()].sort()).toEqual(families.flatMap(({ prefixes }) => prefixes).sort());
    for (const { prefixes, logtoGets } of families) {
      for (const prefix of prefixes) {
        const code = `${prefix}NotYetDocumented`;
        expect(tables.connectorCodeOfKind(tables.classifyCode(product, code).kind), code).toBe(logtoGets);
      }
    }
  });

  it.each(products)('gives any other code the page’s Logto code and the unknown-code advice, for %s', (product) => {
    const [other] = documentedRows.filter(({ otherCodes }) => otherCodes);
    expect(other?.logtoGets).toBe('general');
    for (const code of ['SOMETHING_NOBODY_DOCUMENTED', 'isv.SOMETHING_NOBODY_DOCUMENTED', 'Undocumented.Code', 'A', 'z']) {
      const meaning = tables.classifyCode(product, code);
      expect(tables.connectorCodeOfKind(meaning.kind), code).toBe(other?.logtoGets);
      expect(meaning.kind, code).toBe('aliyun-fault');
      expect(meaning.advice, code).toMatch(/^Aliyun answered with an error code this connector does not know, .*RequestId.*\.$/);
      expect(Object.keys(meaning).sort(), code).toEqual(['advice', 'kind']);
    }
  });

  it.each(products)('gives each %s row one sentence of advice and at most a real config key to fix', (product) => {
    for (const code of tables.knownCodes(product)) {
      const meaning = tables.classifyCode(product, code);
      expect(meaning.advice, code).toMatch(/^[A-Z].{20,}\.$/);
      expect(Object.keys(meaning).sort(), code).toEqual(
        meaning.field === undefined ? ['advice', 'kind'] : ['advice', 'field', 'kind']
      );
      if (meaning.field !== undefined) {
        expect(configKeys, code).toContain(meaning.field);
      }
    }
  });

  it.each(products)('points %s’s codes at the config key the page tells the administrator to fix', (product) => {
    const named = rowsFor(product).filter(({ keysToFix }) => keysToFix.length > 0);
    expect(named.length).toBeGreaterThan(3);
    for (const { codes, prefixes, keysToFix } of named) {
      for (const code of [...codes, ...prefixes.map((prefix) => `${prefix}NotYetDocumented`)]) {
        expect(keysToFix, code).toContain(tables.classifyCode(product, code).field);
      }
    }
  });
});
