import { describe, expect, it } from 'vitest';

import { readReceipt } from './receipt.js';

const answer = (details: unknown[]): string =>
  JSON.stringify({ Code: 'OK', TotalCount: String(details.length), SmsSendDetailDTOs: { SmsSendDetailDTO: details } });

describe('readReceipt', () => {
  it('reads a delivered receipt with its time', () => {
    expect(readReceipt(answer([{ SendStatus: 3, ErrCode: 'DELIVRD', ReceiveDate: '2025-03-01 12:00:03', Content: '【签名】验证码123456' }]))).toEqual({
      state: 'delivered',
      code: 'DELIVRD',
      receivedAt: '2025-03-01 12:00:03',
    });
  });

  it('reads a failed receipt with the carrier’s code, SendStatus as a string too', () => {
    expect(readReceipt(answer([{ SendStatus: '2', ErrCode: 'MK:0001', ReceiveDate: '' }]))).toEqual({ state: 'failed', code: 'MK:0001', receivedAt: undefined });
  });

  it('reads waiting, and an undocumented state, as pending', () => {
    expect(readReceipt(answer([{ SendStatus: 1, ErrCode: '' }]))).toEqual({ state: 'pending' });
    expect(readReceipt(answer([{ SendStatus: 7 }]))).toEqual({ state: 'pending' });
  });

  it('reads no record, and answers of other shapes, as not found', () => {
    expect(readReceipt(answer([]))).toEqual({ state: 'not-found' });
    expect(readReceipt(JSON.stringify({ Code: 'OK' }))).toEqual({ state: 'not-found' });
    expect(readReceipt(JSON.stringify({ Code: 'OK', SmsSendDetailDTOs: { SmsSendDetailDTO: 'x' } }))).toEqual({ state: 'not-found' });
    expect(readReceipt(answer([{ ErrCode: 'DELIVRD' }]))).toEqual({ state: 'not-found' });
    expect(readReceipt('<xml/>')).toEqual({ state: 'not-found' });
  });

  it('never carries the message text (it holds the code)', () => {
    const read = readReceipt(answer([{ SendStatus: 3, ErrCode: 'DELIVRD', Content: '验证码654321' }]));
    expect(JSON.stringify(read)).not.toContain('654321');
  });
});
