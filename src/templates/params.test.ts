import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  maxTemplateVariables,
  maxVariableLength,
  resolveParams,
  sendSmsDefaultParams,
  sendSmsVerifyCodeDefaultParams,
  templateParamFor,
  templateParamsGuard,
} from './params.js';

/** The issues zod reports for `params`, as `path: message`. */
const problemsOf = (params: unknown): string[] => {
  const result = templateParamsGuard.safeParse(params);
  return result.success ? [] : result.error.issues.map(({ path, message }) => `${path.join('.')}: ${message}`);
};

describe('templateParamsGuard', () => {
  it.each([
    { code: '{{code}}' },
    { number: '{{code}}', min: '10' },
    { code: 'G-{{code}}', product: 'Acme 科技', Valid_For_2: '5' },
    { code: '{{code}}{{code}}' },
    { code: '{{{code}}}', around: '{ {{code}} {' },
    { code: '${{code}}' },
  ])('accepts %j', (params) => {
    expect(templateParamsGuard.parse(params)).toEqual(params);
  });

  it('accepts both services’ default params', () => {
    expect(problemsOf(sendSmsDefaultParams)).toEqual([]);
    expect(problemsOf(sendSmsVerifyCodeDefaultParams)).toEqual([]);
  });

  it.each([
    ['a name with a hyphen', { 'valid-for': '5', code: '{{code}}' }, 'valid-for: must be an Aliyun template variable name'],
    ['a name with a space', { 'my code': '{{code}}' }, 'my code: must be an Aliyun template variable name'],
    ['a name with ${…} around it', { '${code}': '{{code}}' }, '${code}: must be an Aliyun template variable name'],
    ['an empty name', { '': 'x', code: '{{code}}' }, ': must be an Aliyun template variable name'],
    ['an empty value', { code: '{{code}}', min: '' }, 'min: must not be empty'],
    ['no {{code}} at all', { min: '10' }, ': must put {{code}} in at least one value'],
    ['an empty object', {}, ': must put {{code}} in at least one value'],
    ['{{link}}', { code: '{{code}}', link: '{{link}}' }, 'link: may contain {{code}} and plain text only'],
    ['{{locale}}', { code: '{{code}} {{locale}}' }, 'code: may contain {{code}} and plain text only'],
    ['a misspelt {{Code}}', { code: '{{Code}}' }, 'code: may contain {{code}} and plain text only'],
    ['{{ code }} with spaces', { code: '{{ code }}' }, 'code: may contain {{code}} and plain text only'],
    ['an unclosed {{code', { code: '{{code}} {{code' }, 'code: may contain {{code}} and plain text only'],
    ['Aliyun’s own ${code}', { code: '${code}' }, 'code: contains ${…}, Aliyun\'s syntax'],
    ['${…} beside {{code}}', { code: '${name} {{code}}' }, 'code: contains ${…}, Aliyun\'s syntax'],
    ['a number', { code: '{{code}}', min: 10 }, 'min: Expected string, received number'],
    ['null', { code: null }, 'code: Expected string, received null'],
    ['a list', ['{{code}}'], ': Expected object, received array'],
    ['a string', '{{code}}', ': Expected object, received string'],
  ])('refuses %s', (_name, params, expected) => {
    expect(problemsOf(params).join('\n')).toContain(expected);
  });

  it('reports no-code once, beside the value problems, naming no value', () => {
    const problems = problemsOf({ min: '{{min}}' });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).not.toContain('{{min}}');
  });

  it('refuses "__proto__", which a zod record would drop silently', () => {
    const params: unknown = JSON.parse('{"code":"{{code}}","__proto__":"x"}');
    expect(problemsOf(params)).toEqual(['__proto__: cannot be used as a variable name']);
  });

  it(`accepts ${maxTemplateVariables} variables and refuses one more`, () => {
    const variables = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, index) => [`v${index}`, index === 0 ? '{{code}}' : 'x']));
    expect(problemsOf(variables(maxTemplateVariables))).toEqual([]);
    expect(problemsOf(variables(maxTemplateVariables + 1))).toEqual([
      `: has ${maxTemplateVariables + 1} variables: Aliyun accepts at most ${maxTemplateVariables}`,
    ]);
  });

  it(`counts a value's length with a 6-character code: ${maxVariableLength} fit, one more does not`, () => {
    const withCode = (length: number) => ({ code: `${'a'.repeat(length - 6)}{{code}}` });
    expect(problemsOf(withCode(maxVariableLength))).toEqual([]);
    expect(problemsOf(withCode(maxVariableLength + 1))).toEqual([
      `code: is ${maxVariableLength + 1} characters long with a 6-character code: Aliyun allows ${maxVariableLength} per variable`,
    ]);
    expect(problemsOf({ code: '{{code}}', text: '验'.repeat(maxVariableLength) })).toEqual([]);
    expect(problemsOf({ code: '{{code}}', text: '验'.repeat(maxVariableLength + 1) })).toHaveLength(1);
  });

  it('counts every {{code}} in a value', () => {
    // Six codes are 36 characters once filled in, though the text is only 48 braces long.
    expect(problemsOf({ code: '{{code}}'.repeat(5) })).toEqual([]);
    expect(problemsOf({ code: '{{code}}'.repeat(6) })).toHaveLength(1);
  });
});

describe('resolveParams', () => {
  it('uses the entry’s own params', () => {
    expect(resolveParams({ params: { number: '{{code}}' } }, sendSmsVerifyCodeDefaultParams)).toEqual({
      number: '{{code}}',
    });
  });

  it('uses the service’s default for an entry without params', () => {
    expect(resolveParams({}, sendSmsDefaultParams)).toEqual({ code: '{{code}}' });
    expect(resolveParams({}, sendSmsVerifyCodeDefaultParams)).toEqual({ code: '{{code}}', min: '10' });
  });
});

describe('templateParamFor', () => {
  it('keeps a "__proto__" name a name, never a prototype', () => {
    const params = Object.fromEntries([['__proto__', '{{code}}']]);
    expect(templateParamFor(params, '4821')).toBe('{"__proto__":"4821"}');
  });

  it('fills a value that is only the placeholder, and a placeholder inside text', () => {
    expect(templateParamFor({ code: '{{code}}', text: 'A{{code}}B{{code}}' }, '$&12')).toBe('{"code":"$&12","text":"A$&12B$&12"}');
  });

  it('sends {"code":…} for the default params, as the official connector does', () => {
    expect(templateParamFor(sendSmsDefaultParams, '123456')).toBe('{"code":"123456"}');
  });

  it('fills the code into every value that names it and keeps literal text', () => {
    expect(JSON.parse(templateParamFor({ number: '{{code}}', min: '10', hint: 'G-{{code}}' }, '4821'))).toEqual({
      number: '4821',
      min: '10',
      hint: 'G-4821',
    });
  });

  it('inserts the code literally, even where a replacement string would read $& or $1', () => {
    expect(JSON.parse(templateParamFor({ code: '{{code}}' }, '$&$1$$'))).toEqual({ code: '$&$1$$' });
  });

  it('sends exactly the names of the params, with string values (property)', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/);
    const literal = fc.string({ maxLength: 20 });
    const params = fc.dictionary(
      name,
      fc.oneof(literal, fc.tuple(literal, literal).map(([before, after]) => `${before}{{code}}${after}`)),
      { minKeys: 1, maxKeys: maxTemplateVariables }
    );
    const code = fc.stringMatching(/^[0-9A-Za-z]{4,6}$/);
    fc.assert(
      fc.property(params, code, (given, verificationCode) => {
        const sent: unknown = JSON.parse(templateParamFor(given, verificationCode));
        expect(Object.keys(sent ?? {}).sort()).toEqual(Object.keys(given).sort());
        for (const [key, value] of Object.entries(given)) {
          expect(sent).toHaveProperty([key], value.split('{{code}}').join(verificationCode));
        }
      })
    );
  });
});
