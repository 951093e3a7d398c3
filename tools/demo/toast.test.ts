import { describe, expect, it } from 'vitest';

import { consoleAnswerOf } from './toast.js';

// Shaped like the host's ConnectorError: another copy of the class than any we could import.
const hostError = (code: string, data: unknown): Error => Object.assign(new Error('ConnectorError'), { code, data });

describe("the console's answer to a failed Send", () => {
  it('interpolates the description into the toast for general, and reads the precise code kept in data', () => {
    expect(consoleAnswerOf(hostError('general', { errorDescription: 'Template under review.', connectorCode: 'invalid_config' }))).toEqual({
      code: 'general',
      connectorCode: 'invalid_config',
      errorDescription: 'Template under review.',
      toast: 'Error occurred in connector: Template under review.',
    });
  });

  it("has no connector text in the toast for any other code: Logto shows its own phrase", () => {
    const answer = consoleAnswerOf(hostError('invalid_config', { errorDescription: 'Template under review.' }));
    expect(answer).toMatchObject({ code: 'invalid_config', errorDescription: 'Template under review.' });
    expect(answer.toast).toBeUndefined();
  });

  it('has no toast for general without a description', () => {
    expect(consoleAnswerOf(hostError('general', { errorDescription: 42 })).toast).toBeUndefined();
    expect(consoleAnswerOf(hostError('general', undefined)).toast).toBeUndefined();
  });

  it('reads nothing from a thrown non-error', () => {
    expect(consoleAnswerOf('boom')).toEqual({ code: undefined, connectorCode: undefined, errorDescription: undefined, toast: undefined });
  });
});
