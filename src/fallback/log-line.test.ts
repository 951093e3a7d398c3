import { describe, expect, it } from 'vitest';

import { fallbackLogLine } from './log-line.js';

describe('fallbackLogLine', () => {
  it('names the reason, the cause, both services and the masked number of a fallback that sent', () => {
    const line = fallbackLogLine(
      { reason: 'account', cause: 'isv.AMOUNT_NOT_ENOUGH', mainProduct: 'dysms', fallbackProduct: 'dypns', outcome: 'sent' },
      '861*******00'
    );
    expect(line).toBe(
      'Aliyun SMS connector: the main sender (dysms) failed without sending (reason account, isv.AMOUNT_NOT_ENOUGH), so the fallback sender (dypns) sent the code to 861*******00.'
    );
    expect(line).not.toContain('\n');
  });

  it('says when the fallback failed too', () => {
    const line = fallbackLogLine(
      { reason: 'unreachable', cause: 'connection-refused', mainProduct: 'dypns', fallbackProduct: 'dysms', outcome: 'failed' },
      '447*******56'
    );
    expect(line).toContain('(reason unreachable, connection-refused), so the fallback sender (dysms) also failed to send the code to 447*******56.');
  });
});
