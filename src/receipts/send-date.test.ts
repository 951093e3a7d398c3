import { describe, expect, it } from 'vitest';

import { beijingDate, sendDatesOf } from './send-date.js';

describe('beijingDate', () => {
  it('is the date in UTC+8, not the server’s', () => {
    expect(beijingDate(new Date('2025-03-01T15:59:59Z'))).toBe('20250301');
    expect(beijingDate(new Date('2025-03-01T16:00:00Z'))).toBe('20250302');
    expect(beijingDate(new Date('2024-12-31T16:00:00Z'))).toBe('20250101');
  });
});

describe('sendDatesOf', () => {
  it('is one date at noon in Beijing', () => {
    const sent = new Date('2025-03-01T04:00:00Z');
    expect(sendDatesOf(sent, new Date(sent.getTime() + 15_000))).toEqual(['20250301']);
  });

  it('is both dates just before midnight in Beijing, the send’s own first', () => {
    const sent = new Date('2025-03-01T15:59:50Z');
    expect(sendDatesOf(sent, sent)).toEqual(['20250301', '20250302']);
  });

  it('is both dates just after midnight in Beijing', () => {
    const sent = new Date('2025-03-01T16:00:30Z');
    expect(sendDatesOf(sent, new Date(sent.getTime() + 1000))).toEqual(['20250301', '20250302']);
  });

  it('adds the next date when the wait runs past midnight', () => {
    const sent = new Date('2025-03-01T15:50:00Z');
    expect(sendDatesOf(sent, new Date('2025-03-01T15:50:30Z'))).toEqual(['20250301']);
    expect(sendDatesOf(sent, new Date('2025-03-01T16:00:30Z'))).toEqual(['20250301', '20250302']);
  });

  it('ignores a now before the send (a clock stepped back)', () => {
    const sent = new Date('2025-03-01T04:00:00Z');
    expect(sendDatesOf(sent, new Date('2025-02-28T04:00:00Z'))).toEqual(['20250301']);
  });
});
