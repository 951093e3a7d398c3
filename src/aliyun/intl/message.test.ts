import { describe, expect, it } from 'vitest';

import { fillMessage, maxMessageSegments, messageProblems } from './message.js';
import { senderIdProblem } from './sender-id.js';

describe('messageProblems', () => {
  it.each([
    'Your Example code is {{code}}.',
    '{{code}} is your verification code.\nDo not share it.',
    'Ihr Code: {{code}} – gültig 10 Minuten.',
    '您的验证码是{{code}}，10分钟内有效。',
    'Code {{code}} ({{code}})',
  ])('accepts %j', (text) => {
    expect(messageProblems(text)).toEqual([]);
  });

  it.each([
    ['', 'must not be empty'],
    ['   ', 'must not be empty'],
    ['Your code is code.', 'must contain {{code}}'],
    ['Your code is {{ code }}.', 'must contain {{code}}'],
    ['Hi {{name}}, your code is {{code}}.', 'no other {{…}}'],
    ['Your code is {{code}}}}.', 'no other {{…}}'],
    ['Your code is ${code} {{code}}.', 'write {{code}} for the code'],
    ['Your code is {{code}}.\u0007', 'control character'],
    ['Your code is {{code}}.\t', 'control character'],
    ['Your code is {{code}}.\uD800', 'broken character'],
  ])('refuses %j: %s', (text, problem) => {
    expect(messageProblems(text).join('; ')).toContain(problem);
  });

  it(`bounds the text at ${maxMessageSegments} parts, measured with a 6-character code`, () => {
    // 459 GSM units is 3 parts; the placeholder's 8 characters become 6.
    const gsmFits = `${'a'.repeat(459 - 6)}{{code}}`;
    expect(messageProblems(gsmFits)).toEqual([]);
    expect(messageProblems(`a${gsmFits}`).join()).toMatch(/is 4 SMS parts long \(GSM-7\).*within 3/);
    // 201 UCS-2 units is 3 parts.
    const ucsFits = `${'码'.repeat(201 - 6)}{{code}}`;
    expect(messageProblems(ucsFits)).toEqual([]);
    expect(messageProblems(`码${ucsFits}`).join()).toMatch(/is 4 SMS parts long \(UCS-2\)/);
  });
});

describe('fillMessage', () => {
  it('puts the code in every {{code}}, literally', () => {
    expect(fillMessage('{{code}} / {{code}}', '12$&56')).toBe('12$&56 / 12$&56');
  });
});

describe('senderIdProblem', () => {
  it.each(['Example', 'Ex4mple2025', 'A', '123456789012345', '1'])('accepts %j', (senderId) => {
    expect(senderIdProblem(senderId)).toBeUndefined();
  });

  it.each(['ExampleCompany', 'Exa mple', 'Exämple', '1234567890123456', 'Ex-ample', ''])('refuses %j', (senderId) => {
    expect(senderIdProblem(senderId)).toMatch(/11 letters and digits.*15 digits/);
  });

  it('takes 12 to 15 characters only as digits', () => {
    expect(senderIdProblem('123456789012')).toBeUndefined();
    expect(senderIdProblem('A23456789012')).toBeDefined();
  });
});
