// Test support: a minimal Aliyun RPC client that signs with Alibaba's own SDK code, so the
// emulator is exercised by an implementation independent of both it and the connector.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { randomUUID } from 'node:crypto';
import OpenApiUtil from '@alicloud/openapi-util';
import { DEMO_ACCOUNT } from './accounts.js';

/** Parameters to override (a string) or drop (undefined) in a signed request. */
export type ParamOverrides = Readonly<Record<string, string | undefined>>;

/** What a signed SendSms should contain. */
export interface SignOptions {
  readonly method?: 'GET' | 'POST';
  /** Method to sign with, when a test wants it to differ from the one sent. */
  readonly signMethod?: string;
  readonly accessKeyId?: string;
  readonly secret?: string;
  readonly now: Date;
  readonly params?: ParamOverrides;
}

/** `yyyy-MM-ddTHH:mm:ssZ`, as Aliyun wants the Timestamp. */
export function aliyunTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A complete, signed SendSms parameter set for the demo account (mainland test template to a
 * mainland number unless overridden). Overrides apply before signing.
 */
export function signedParams(options: SignOptions): Record<string, string> {
  const base: Record<string, string | undefined> = {
    Action: 'SendSms',
    Version: '2017-05-25',
    Format: 'JSON',
    AccessKeyId: options.accessKeyId ?? DEMO_ACCOUNT.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: randomUUID(),
    Timestamp: aliyunTimestamp(options.now),
    RegionId: 'cn-hangzhou',
    PhoneNumbers: '13800138000',
    SignName: '阿里云短信测试',
    TemplateCode: 'SMS_154950909',
    TemplateParam: JSON.stringify({ code: '123456' }),
    ...options.params,
  };
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) if (value !== undefined) params[name] = value;
  // Under vitest the default import is the SDK's Client class itself.
  const signature = OpenApiUtil.getRPCSignature(params, options.signMethod ?? options.method ?? 'POST', options.secret ?? DEMO_ACCOUNT.accessKeySecret);
  return { ...params, Signature: signature };
}

/** An HTTP answer as the test client saw it. */
export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** The Date header, if any. */
  readonly date: string | undefined;
}

/** How to send a request. */
export interface SendOptions {
  readonly method?: 'GET' | 'POST';
  /** Milliseconds before the client gives up (rejects with code 'TIMEOUT'). */
  readonly timeoutMs?: number;
  /** CA certificate for HTTPS. */
  readonly ca?: string;
  /** Raw body to send instead of the form-encoded params (POST). */
  readonly rawBody?: string;
  readonly contentType?: string;
  /** Headers to send as given (content-length is added for a body); replaces the default content-type. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An error from the transport, with Node's code (ECONNRESET, TIMEOUT, ...). */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Sends params to the emulator over real loopback HTTP(S): form POST by default, or GET with a query. */
export function send(url: string, params: Readonly<Record<string, string>>, options: SendOptions = {}): Promise<Answer> {
  const method = options.method ?? 'POST';
  const encoded = new URLSearchParams(params).toString();
  const target = new URL(url);
  if (method === 'GET' && encoded !== '') target.search = encoded;
  const body = method === 'POST' ? (options.rawBody ?? encoded) : undefined;
  const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
  const headers =
    options.headers !== undefined
      ? { ...options.headers, ...length }
      : body === undefined
        ? {}
        : { 'content-type': options.contentType ?? 'application/x-www-form-urlencoded', ...length };
  const requestFn = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = requestFn(
      target,
      {
        method,
        ca: options.ca,
        agent: false,
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            body: Buffer.concat(chunks).toString('utf8'),
            date: res.headers.date,
          });
        });
        res.on('error', (error) => {
          reject(new TransportError(error.message, 'RESPONSE_ERROR'));
        });
      },
    );
    if (options.timeoutMs !== undefined) {
      req.setTimeout(options.timeoutMs, () => {
        req.destroy(new TransportError(`no answer within ${options.timeoutMs ?? 0} ms`, 'TIMEOUT'));
      });
    }
    req.on('error', (error: NodeJS.ErrnoException) => {
      reject(error instanceof TransportError ? error : new TransportError(error.message, error.code ?? 'UNKNOWN'));
    });
    req.end(body);
  });
}

/** The answer body parsed as JSON (unknown: tests assert its shape). */
export function json(answer: Answer): unknown {
  return JSON.parse(answer.body);
}

/** One field of a parsed answer (undefined when absent or not an object). */
export function field(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null || !(name in value)) return undefined;
  const found: unknown = Reflect.get(value, name);
  return found;
}
