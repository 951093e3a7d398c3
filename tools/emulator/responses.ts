import { randomInt, randomUUID } from 'node:crypto';
import type { Verdict } from './verdict.js';

/** The host name Aliyun puts in gateway errors. */
export const HOST_ID = 'dysmsapi.aliyuncs.com';

/** A fresh RequestId in Aliyun's shape (an uppercase UUID). */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

/** A BizId in Aliyun's shape: 18 digits, `^`, a sequence number (e.g. `900619746936498440^0`). */
export function newBizId(): string {
  const head = String(randomInt(100_000, 1_000_000));
  const tail = Array.from({ length: 4 }, () => String(randomInt(0, 1000)).padStart(3, '0')).join('');
  return `${head}${tail}^0`;
}

/** The wire form of an answer. */
export interface RenderedAnswer {
  readonly contentType: string;
  readonly body: string;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Renders an answer the way Aliyun shapes it. Business answers (HTTP 200) carry
 * Message/RequestId/[BizId]/Code; gateway errors add HostId and Recommend, which callers must
 * tolerate. Aliyun's default Format is XML, so anything but JSON gets XML: a caller that
 * forgets `Format=JSON` finds out here rather than in production.
 */
export function renderAnswer(verdict: Verdict, requestId: string, format: string | undefined, bizId?: string): RenderedAnswer {
  const fields: [string, string][] =
    verdict.httpStatus === 200
      ? [['Message', verdict.message], ['RequestId', requestId], ...(bizId === undefined ? [] : [['BizId', bizId] satisfies [string, string]]), ['Code', verdict.code]]
      : [
          ['RequestId', requestId],
          ['HostId', HOST_ID],
          ['Code', verdict.code],
          ['Message', verdict.message],
          ['Recommend', `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(verdict.code)}&product=Dysmsapi&requestId=${requestId}`],
        ];
  if (format?.toUpperCase() === 'JSON') {
    return { contentType: 'application/json;charset=utf-8', body: JSON.stringify(Object.fromEntries(fields)) };
  }
  const root = verdict.httpStatus === 200 ? 'SendSmsResponse' : 'Error';
  const inner = fields.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('');
  return { contentType: 'text/xml;charset=utf-8', body: `<?xml version='1.0' encoding='UTF-8'?><${root}>${inner}</${root}>` };
}

/** The body of the `garbage` fault: what a proxy in front of Aliyun might answer. */
export const GARBAGE_BODY =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>Tengine</center></body></html>';
