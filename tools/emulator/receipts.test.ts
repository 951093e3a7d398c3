import { describe, expect, test } from 'vitest';
import type { AcceptedMessage } from './records.js';
import { ReceiptBook, parseReceiptSpec } from './receipts.js';

const ACCEPTED = new Date('2025-03-01T04:00:00Z');
const message: AcceptedMessage = {
  phoneNumber: '13800138000',
  e164: '+8613800138000',
  region: 'mainland',
  signName: 'Logto',
  templateCode: 'SMS_1',
  templateParam: {},
  text: '',
  bizId: '1^0',
  requestId: 'R',
  outId: undefined,
  accessKeyId: 'K',
  acceptedAt: ACCEPTED,
  api: 'SendSms',
  signatureVersion: 'v1',
};
const at = (ms: number) => new Date(ACCEPTED.getTime() + ms);

describe('ReceiptBook', () => {
  test('by default a message is delivered the moment it is accepted', () => {
    expect(new ReceiptBook().read(message, ACCEPTED)).toEqual({ sendStatus: 3, errCode: 'DELIVRD', receivedAt: ACCEPTED });
  });

  test('a receipt after N ms is waiting until then, then final', () => {
    const book = new ReceiptBook();
    book.choose('13800138000', { kind: 'failed', code: 'MK:0001', afterMs: 3000 });
    expect(book.read(message, at(2999))).toEqual({ sendStatus: 1, errCode: '', receivedAt: undefined });
    expect(book.read(message, at(3000))).toEqual({ sendStatus: 2, errCode: 'MK:0001', receivedAt: at(3000) });
  });

  test('the number as sent wins over its E.164 form; clear() forgets both', () => {
    const book = new ReceiptBook({ kind: 'never' });
    book.choose('+8613800138000', { kind: 'failed', code: 'E164' });
    expect(book.read(message, at(0)).errCode).toBe('E164');
    book.choose('13800138000', { kind: 'delivered' });
    expect(book.read(message, at(0)).errCode).toBe('DELIVRD');
    book.clear();
    expect(book.read(message, at(86_400_000)).sendStatus).toBe(1);
  });
});

describe('parseReceiptSpec', () => {
  test.each([
    ['13800138000=delivered', { phoneNumber: '13800138000', outcome: { kind: 'delivered', afterMs: undefined } }],
    ['13800138000=delivered:2500', { phoneNumber: '13800138000', outcome: { kind: 'delivered', afterMs: 2500 } }],
    ['+8613800138000=failed:MK:0001', { phoneNumber: '+8613800138000', outcome: { kind: 'failed', code: 'MK:0001', afterMs: undefined } }],
    ['13800138000=failed:MK:0001@900', { phoneNumber: '13800138000', outcome: { kind: 'failed', code: 'MK:0001', afterMs: 900 } }],
    ['13800138000=never', { phoneNumber: '13800138000', outcome: { kind: 'never' } }],
  ])('%s', (spec, expected) => {
    expect(parseReceiptSpec(spec)).toEqual(expected);
  });

  test.each(['13800138000', 'abc=delivered', '13800138000=lost', '13800138000=delivered:soon', '13800138000=failed:'])('refuses %s', (spec) => {
    expect(() => parseReceiptSpec(spec)).toThrow(/not a receipt/);
  });
});
