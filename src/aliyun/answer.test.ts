import { describe, expect, it } from 'vitest';

import { isSuccessStatus, parseAnswer } from './answer.js';

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
