// Test support: requests signed with signature V3 by Alibaba's own SDK code (openapi-util's
// getAuthorization), and V1 requests for any API, so each API is exercised both ways.
import { createHash, randomUUID } from 'node:crypto';
import { DEMO_ACCOUNT } from './demo-data.js';
import { oracle } from './oracle.js';
import { aliyunTimestamp, send, type Answer, type ParamOverrides, type SendOptions } from './test-client.js';
import OpenApiUtil from '@alicloud/openapi-util';

function defined(values: ParamOverrides): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) if (value !== undefined) kept[name] = value;
  return kept;
}

/** What a V1 request for any API should contain (no business defaults). */
export interface V1CallOptions {
  readonly now: Date;
  readonly action: string;
  readonly version?: string;
  readonly accessKeyId?: string;
  readonly secret?: string;
  readonly securityToken?: string;
  readonly method?: 'GET' | 'POST';
  /** Business parameters and overrides of common ones (undefined drops one). */
  readonly params?: ParamOverrides;
}

/** A complete V1-signed parameter set for `action` (demo account unless told otherwise). */
export function signedCall(options: V1CallOptions): Record<string, string> {
  const params = defined({
    Action: options.action,
    Version: options.version ?? '2017-05-25',
    Format: 'JSON',
    AccessKeyId: options.accessKeyId ?? DEMO_ACCOUNT.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: randomUUID(),
    Timestamp: aliyunTimestamp(options.now),
    RegionId: 'cn-hangzhou',
    SecurityToken: options.securityToken,
    ...options.params,
  });
  const signature = OpenApiUtil.getRPCSignature(params, options.method ?? 'POST', options.secret ?? DEMO_ACCOUNT.accessKeySecret);
  return { ...params, Signature: signature };
}

/** What a V3 request should contain, and how a test wants it spoiled. */
export interface V3CallOptions {
  readonly url: string;
  readonly now: Date;
  readonly action: string;
  readonly version?: string;
  readonly accessKeyId?: string;
  readonly secret?: string;
  readonly securityToken?: string;
  readonly method?: 'GET' | 'POST';
  /** Business parameters: the form body for POST, the query for GET. */
  readonly params?: Readonly<Record<string, string>>;
  /** Header changes before signing (undefined drops one). */
  readonly headers?: ParamOverrides;
  /** Header changes after signing: what an attacker or a buggy proxy does. */
  readonly headersAfterSigning?: ParamOverrides;
  /** A body sent instead of the one signed. */
  readonly sentBody?: string;
}

/** A V3 request ready to send. */
export interface V3Call {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

/**
 * Builds a request the way Alibaba's SDK signs V3: form body hashed into x-acs-content-sha256,
 * host and every x-acs-* header signed, Authorization from openapi-util's getAuthorization.
 */
export function signedV3Call(options: V3CallOptions): V3Call {
  const method = options.method ?? 'POST';
  const target = new URL(options.url);
  const encoded = new URLSearchParams(options.params ?? {}).toString();
  const body = method === 'POST' ? encoded : '';
  if (method === 'GET') target.search = encoded;
  const query = Object.fromEntries(target.searchParams);
  const hashed = createHash('sha256').update(body).digest('hex');
  const headers = defined({
    host: target.host,
    'x-acs-action': options.action,
    'x-acs-version': options.version ?? '2017-05-25',
    'x-acs-date': aliyunTimestamp(options.now),
    'x-acs-signature-nonce': randomUUID(),
    'x-acs-content-sha256': hashed,
    'x-acs-security-token': options.securityToken,
    ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    ...options.headers,
  });
  const accessKeyId = options.accessKeyId ?? DEMO_ACCOUNT.accessKeyId;
  const authorization = oracle.v3Authorization({ pathname: '/', method, query, headers }, hashed, accessKeyId, options.secret ?? DEMO_ACCOUNT.accessKeySecret);
  return {
    url: target.toString(),
    method,
    headers: defined({ ...headers, authorization, ...options.headersAfterSigning }),
    body: method === 'POST' ? (options.sentBody ?? body) : undefined,
  };
}

/** Sends a V3 call over real loopback HTTP(S). */
export function sendV3(call: V3Call, options: Omit<SendOptions, 'method' | 'rawBody' | 'headers'> = {}): Promise<Answer> {
  return send(call.url, {}, { ...options, method: call.method, headers: call.headers, rawBody: call.body });
}
