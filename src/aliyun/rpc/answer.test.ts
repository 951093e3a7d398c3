import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { answerFromJson, isSuccessStatus, parseAnswer, readPlainAnswer } from './answer.js';

describe('parseAnswer', () => {
  it('reads the fields the connector relies on', () => {
    expect(
      parseAnswer(
        JSON.stringify({
          Code: 'OK',
          Message: 'OK',
          RequestId: 'REQ',
          Recommend: 'https://api.aliyun.com/troubleshoot',
          BizId: '900619746936498440^0',
          Model: { BizId: 'MODEL', VerifyCode: '1234' },
        })
      )
    ).toEqual({
      Code: 'OK',
      Message: 'OK',
      RequestId: 'REQ',
      Recommend: 'https://api.aliyun.com/troubleshoot',
      BizId: '900619746936498440^0',
      Model: { BizId: 'MODEL' },
    });
  });

  it('drops fields it does not rely on', () => {
    expect(parseAnswer('{"Code":"isv.X","HostId":"dysmsapi.aliyuncs.com","Success":false}')).toEqual({ Code: 'isv.X' });
  });

  it('keeps the Code when other fields are malformed', () => {
    expect(
      parseAnswer(
        JSON.stringify({ Code: 'Throttling', Message: 5, RequestId: null, Recommend: [], BizId: {}, Model: 'x' })
      )
    ).toEqual({ Code: 'Throttling' });
    expect(parseAnswer(JSON.stringify({ Code: 'OK', Model: { BizId: 7 } }))).toEqual({ Code: 'OK', Model: {} });
  });

  it.each([
    ['an empty body', ''],
    ['an HTML page', '<html><body>502 Bad Gateway</body></html>'],
    ['truncated JSON', '{"Code":"OK","BizId":"1'],
    ['JSON null', 'null'],
    ['a JSON string', '"OK"'],
    ['a JSON array', '[{"Code":"OK"}]'],
    ['JSON without Code', '{"code":"OK","BizId":"1"}'],
    ['a numeric Code', '{"Code":200,"BizId":"1"}'],
    ['a null Code', '{"Code":null}'],
  ])('is undefined for %s', (_name, body) => {
    expect(parseAnswer(body)).toBeUndefined();
  });

  it('does not take a prototype key for an answer', () => {
    expect(parseAnswer('{"__proto__":{"Code":"OK"}}')).toBeUndefined();
  });
});

// Values of every kind for the fields the reader looks at, so that each of its checks meets
// both text and everything else.
const fieldValue = fc.oneof(fc.string(), fc.constant(undefined), fc.constant(null), fc.integer(), fc.boolean(), fc.jsonValue());
const answerLike = fc.record(
  {
    Code: fieldValue,
    Message: fieldValue,
    RequestId: fieldValue,
    Recommend: fieldValue,
    BizId: fieldValue,
    Model: fc.oneof(fc.constant(undefined), fc.record({ BizId: fieldValue }, { requiredKeys: [] }), fc.jsonValue()),
    HostId: fc.string(),
  },
  { requiredKeys: [] }
);

describe('readPlainAnswer', () => {
  it('reads an accepted SendSms answer as the schema does, keys and all', () => {
    const json = { Code: 'OK', Message: 'OK', RequestId: 'REQ', BizId: '900619746936498440^0' };
    expect(readPlainAnswer(json)).toStrictEqual(answerFromJson(json));
    expect(readPlainAnswer(json)).toStrictEqual(json);
  });

  it('writes only the keys present, like the schema', () => {
    expect(readPlainAnswer({ Code: 'isv.X', Recommend: 'R' })).toStrictEqual({ Code: 'isv.X', Recommend: 'R' });
    expect(readPlainAnswer({ Code: 'isv.X', HostId: 'h' })).toStrictEqual({ Code: 'isv.X' });
  });

  it.each([
    ['a non-text Code', { Code: 200 }],
    ['no Code', { BizId: '1' }],
    ['a non-text Message', { Code: 'OK', Message: 5 }],
    ['a non-text RequestId', { Code: 'OK', RequestId: null }],
    ['a non-text Recommend', { Code: 'OK', Recommend: [] }],
    ['a non-text BizId', { Code: 'OK', BizId: {} }],
    ['a Model (the schema reads its BizId)', { Code: 'OK', Model: { BizId: 'B' } }],
    ['null', null],
    ['text', 'OK'],
  ])('leaves %s to the schema', (_name, json) => {
    expect(readPlainAnswer(json)).toBeUndefined();
  });

  it('agrees with the schema whenever it gives an answer', () => {
    fc.assert(
      fc.property(answerLike, (value) => {
        // As the connector meets it: parsed from a body (no undefined values, plain prototypes).
        const json: unknown = JSON.parse(JSON.stringify(value));
        const plain = readPlainAnswer(json);
        if (plain !== undefined) {
          expect(plain).toStrictEqual(answerFromJson(json));
        }
      }),
      { numRuns: 2000 }
    );
  });

  it('gives an answer for every answer made only of text fields', () => {
    const textAnswer = fc.record(
      { Code: fc.string(), Message: fc.string(), RequestId: fc.string(), Recommend: fc.string(), BizId: fc.string() },
      { requiredKeys: ['Code'] }
    );
    fc.assert(
      fc.property(textAnswer, (value) => {
        const json: unknown = JSON.parse(JSON.stringify(value));
        expect(readPlainAnswer(json)).toStrictEqual(json);
      })
    );
  });
});

describe('parseAnswer reads as the schema does', () => {
  it('for any JSON body and any answer-like body', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), answerLike), (json) => {
        const body = JSON.stringify(json);
        expect(parseAnswer(body)).toStrictEqual(answerFromJson(JSON.parse(body)));
      }),
      { numRuns: 2000 }
    );
  });
});

describe('isSuccessStatus', () => {
  it.each([
    [199, false],
    [200, true],
    [204, true],
    [299, true],
    [300, false],
    [302, false],
    [400, false],
    [503, false],
    [0, false],
  ])('HTTP %i is 2xx: %s', (status, expected) => {
    expect(isSuccessStatus(status)).toBe(expected);
  });
});
