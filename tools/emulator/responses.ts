import { randomInt, randomUUID } from 'node:crypto';
import type { Verdict } from './verdict.js';

/** The host name Aliyun puts in Dysmsapi gateway errors. */
export const HOST_ID = 'dysmsapi.aliyuncs.com';

/** The Aliyun products the emulator speaks for. */
/** DysmsapiIntl: Dysmsapi 2018-05-01, the international site's API, whose answers carry ResponseCode. */
export type Product = 'Dysmsapi' | 'DysmsapiIntl' | 'Dypnsapi' | 'Sts';

/** Each product's host, as its gateway errors name it in HostId. */
export const PRODUCT_HOSTS: Readonly<Record<Product, string>> = {
  Dysmsapi: HOST_ID,
  DysmsapiIntl: 'dysmsapi.ap-southeast-1.aliyuncs.com',
  Dypnsapi: 'dypnsapi.aliyuncs.com',
  Sts: 'sts.aliyuncs.com',
};

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

/** A value in an answer body. */
export type AnswerValue = string | number | boolean | readonly AnswerValue[] | AnswerBody;

/** An answer body; field order is the order Aliyun writes them in. */
export interface AnswerBody {
  readonly [field: string]: AnswerValue;
}

/** The wire form of an answer. */
export interface RenderedAnswer {
  readonly contentType: string;
  readonly body: string;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

// Array.isArray does not narrow readonly arrays; this guard does.
function isList(value: AnswerValue): value is readonly AnswerValue[] {
  return Array.isArray(value);
}

function xmlOf(name: string, value: AnswerValue): string {
  // Aliyun writes a list as the element repeated, one per item.
  if (isList(value)) return value.map((item) => xmlOf(name, item)).join('');
  if (typeof value !== 'object') return `<${name}>${escapeXml(String(value))}</${name}>`;
  const inner = Object.entries(value)
    .map(([field, child]) => xmlOf(field, child))
    .join('');
  return `<${name}>${inner}</${name}>`;
}

/**
 * Renders a body as JSON, or as XML under `root`. Aliyun's RPC default is XML, so callers that
 * forget `Format=JSON` on a V1 request find out here rather than in production.
 */
export function renderBody(body: AnswerBody, root: string, json: boolean): RenderedAnswer {
  if (json) return { contentType: 'application/json;charset=utf-8', body: JSON.stringify(body) };
  return { contentType: 'text/xml;charset=utf-8', body: `<?xml version='1.0' encoding='UTF-8'?>${xmlOf(root, body)}` };
}

/** A gateway error (HTTP 4xx/5xx) as Aliyun shapes it, with HostId and Recommend that callers must tolerate. */
export function gatewayErrorBody(verdict: Verdict, requestId: string, product: Product, extra: AnswerBody = {}): AnswerBody {
  return {
    RequestId: requestId,
    HostId: PRODUCT_HOSTS[product],
    Code: verdict.code,
    Message: verdict.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(verdict.code)}&product=${product}&requestId=${requestId}`,
    ...extra,
  };
}

/**
 * A business refusal (HTTP 200) in the product's shape: Dysmsapi `Message/RequestId/Code`,
 * Dypnsapi adds `Success: false`, the 2018-05-01 API says `ResponseCode/ResponseDescription`.
 */
export function businessErrorBody(verdict: Verdict, requestId: string, product: Product): AnswerBody {
  if (product === 'DysmsapiIntl') return { RequestId: requestId, ResponseCode: verdict.code, ResponseDescription: verdict.message };
  if (product === 'Dypnsapi') return { Code: verdict.code, Message: verdict.message, RequestId: requestId, Success: false };
  return { Message: verdict.message, RequestId: requestId, Code: verdict.code };
}

/** The body for a verdict when the API gave none of its own: a gateway error or a business refusal. */
export function defaultBody(verdict: Verdict, requestId: string, product: Product, extra?: AnswerBody): AnswerBody {
  return verdict.httpStatus === 200 ? businessErrorBody(verdict, requestId, product) : gatewayErrorBody(verdict, requestId, product, extra);
}

/**
 * The body of the `echo` fault: the request played back in the fields a client shows, as an
 * endpoint or proxy that echoes requests would: Code the form as sent, RequestId the form
 * decoded, Message the headers, then every form and header value read again by a form decoder
 * ('+' as a space) and rewritten in base64url ('-' and '_', no padding), without their names.
 */
export function echoBody(form: string, headers: Readonly<Record<string, string>>): AnswerBody {
  const parameters = [...new URLSearchParams(form)];
  const values = [...parameters.map(([, value]) => value), ...Object.values(headers)];
  const base64url = (value: string): string => value.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  return {
    Code: form,
    RequestId: parameters.map(([name, value]) => `${name}=${value}`).join('&'),
    Message: [
      `headers ${JSON.stringify(headers)}`,
      `values ${values.map((value) => value.replaceAll('+', ' ')).join(' | ')}`,
      `base64url ${values.map(base64url).join(' | ')}`,
    ].join(' '),
  };
}

/** The body of the `garbage` fault: what a proxy in front of Aliyun might answer. */
export const GARBAGE_BODY =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>Tengine</center></body></html>';
