import { describe, expect, it } from 'vitest';

import { smsServices } from '../config/schema.js';

import { sendSmsVerifyCodeApi } from './dypns/send.js';
import { sendSmsApi } from './dysms/send.js';
import { products, sendApiOf } from './products.js';
import { supportedRegions } from './regions.js';

describe('the product registry', () => {
  it('has one definition per service the config takes, each under its own name', () => {
    expect(Object.keys(products).sort()).toEqual([...smsServices].sort());
    for (const [name, definition] of Object.entries(products)) {
      expect(definition.product).toBe(name);
    }
  });

  it.each(Object.values(products))('$product: its default region is one of its regions, all known, each with an https endpoint of its own product', (definition) => {
    expect(definition.regions).toContain(definition.defaultRegion);
    for (const region of definition.regions) {
      expect(supportedRegions).toContain(region);
      expect(definition.endpointOf(region)).toMatch(/^https:\/\/dy(sms|pns)api\.([a-z0-9-]+\.)?aliyuncs\.com\/$/);
    }
    expect(definition.regionRule).toMatch(/^must be /);
    expect(definition.codes.exact.size).toBeGreaterThan(5);
  });

  it('serves the international site only abroad, and the SMS authentication service only in the mainland', () => {
    expect(products.intl.regions).toEqual(['ap-southeast-1', 'ap-southeast-5', 'eu-central-1']);
    expect(products.intl.defaultRegion).toBe('ap-southeast-1');
    expect(products.dypns.regions.every((region) => region.startsWith('cn-'))).toBe(true);
    expect(products.dysms.regions).toEqual(supportedRegions);
  });

  it('refuses recipients abroad only for the SMS authentication service, naming it and the way out', () => {
    expect(products.dysms.mainlandOnly).toBeUndefined();
    expect(products.intl.mainlandOnly).toBeUndefined();
    expect(products.dypns.mainlandOnly?.product).toContain('"dypns"');
    expect(products.dypns.mainlandOnly?.instead).toContain('"dysms"');
  });

  it('follows receipts with QuerySendDetails for Short Message Service, QueryMessage for the international site, and none for dypns', () => {
    expect(products.dysms.receiptQuery?.idName).toBe('BizId');
    expect(products.dysms.receiptQuery?.permission).toBe('dysms:QuerySendDetails');
    expect(products.intl.receiptQuery?.idName).toBe('MessageId');
    expect(products.intl.receiptQuery?.permission).toBe('dysms:QueryMessage');
    expect(products.dypns.receiptQuery).toBeUndefined();
  });

  it('sends the code as ${code} by default, and the SMS authentication service its validity in minutes too', () => {
    expect(Object.keys(products.dysms.defaultParams)).toEqual(['code']);
    expect(Object.keys(products.intl.defaultParams)).toEqual(['code']);
    expect(Object.keys(products.dypns.defaultParams).sort()).toEqual(['code', 'min']);
  });
});

describe('sendApiOf', () => {
  it('picks the API of each product', () => {
    expect(sendApiOf('dysms')).toBe(sendSmsApi);
    expect(sendApiOf('dypns')).toBe(sendSmsVerifyCodeApi);
  });
});
