import { describe, expect, it } from 'vitest';

import { readMessageReceipt } from './receipt.js';

const answer = (fields: Record<string, unknown>): string =>
  JSON.stringify({ ResponseCode: 'OK', RequestId: 'R', MessageId: '1', Message: 'Your code is 123456', ...fields });

describe('readMessageReceipt', () => {
  it('reads DELIVERED as delivered, with the receive date, whatever the Status says', () => {
    expect(readMessageReceipt(answer({ Status: '1', ErrorCode: 'DELIVERED', ReceiveDate: '2026-12-06 10:00:01' }))).toEqual({
      state: 'delivered',
      code: 'DELIVERED',
      receivedAt: '2026-12-06 10:00:01',
    });
    expect(readMessageReceipt(answer({ Status: 3, ErrorCode: 'DELIVERED' }))).toMatchObject({ state: 'delivered' });
  });

  it('reads any other ErrorCode as the carrier’s failure, the code as given', () => {
    expect(readMessageReceipt(answer({ Status: '2', ErrorCode: 'UNDELIV', ReceiveDate: '' }))).toEqual({ state: 'failed', code: 'UNDELIV', receivedAt: undefined });
    expect(readMessageReceipt(answer({ Status: '1', ErrorCode: 'SOME_NEW_CODE' }))).toMatchObject({ state: 'failed', code: 'SOME_NEW_CODE' });
  });

  it('reads Status 2 without a code as a failure with no code', () => {
    expect(readMessageReceipt(answer({ Status: '2', ErrorCode: '' }))).toEqual({ state: 'failed', code: '', receivedAt: undefined });
  });

  it('reads no ErrorCode yet as pending, whichever other Status', () => {
    expect(readMessageReceipt(answer({ Status: '3', ErrorCode: '' }))).toEqual({ state: 'pending' });
    expect(readMessageReceipt(answer({ Status: '1' }))).toEqual({ state: 'pending' });
  });

  it('reads a body that is not a QueryMessage answer as not found', () => {
    expect(readMessageReceipt('not json')).toEqual({ state: 'not-found' });
    expect(readMessageReceipt('{"ResponseCode":"OK"}')).toEqual({ state: 'not-found' });
    expect(readMessageReceipt('null')).toEqual({ state: 'not-found' });
  });
});
