import type { IncomingHttpHeaders } from 'node:http';
import { collectParams, isFormContentType, type RequestParams } from './params.js';
import type { SignatureVersion } from './records.js';

/** One request as the checks see it: everything the client sent, nothing interpreted yet. */
export interface IncomingCall {
  readonly method: string;
  readonly path: string;
  /** Header names in lower case; repeated headers joined with `,`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Decoded query parameters (a repeated name keeps its first value; `params` reports it). */
  readonly query: Readonly<Record<string, string>>;
  /** The body bytes as received. */
  readonly body: Buffer;
  /** Query plus form-body parameters. */
  readonly params: RequestParams;
}

/** Flattens Node's headers to one string per lower-case name. */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return flat;
}

/** Builds the call from what the HTTP layer read. A body counts as parameters only when it is a form. */
export function incomingCall(method: string, url: URL, headers: Readonly<Record<string, string>>, body: Buffer): IncomingCall {
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) if (!Object.hasOwn(query, name)) query[name] = value;
  const form = isFormContentType(headers['content-type']) ? body.toString('utf8') : undefined;
  return { method, path: url.pathname, headers, query, body, params: collectParams(url.search, form) };
}

/** V3 when the client framed the request with ACS3 (an Authorization header, or x-acs-action without a V1 Signature), V1 otherwise. */
export function signatureVersionOf(call: CallHead): SignatureVersion {
  if (call.headers.authorization !== undefined) return 'v3';
  // Alibaba's current SDKs send x-acs-action and x-acs-version with a V1 Signature parameter too.
  return call.headers['x-acs-action'] !== undefined && !call.params.values.has('Signature') ? 'v3' : 'v1';
}

/** The part of a call known before its body is read. */
export type CallHead = Pick<IncomingCall, 'headers' | 'params'>;

/** Action and Version where this framing carries them. */
export function actionOf(call: CallHead, version: SignatureVersion): { readonly action: string | undefined; readonly version: string | undefined } {
  if (version === 'v3') return { action: call.headers['x-acs-action'], version: call.headers['x-acs-version'] };
  return { action: call.params.values.get('Action'), version: call.params.values.get('Version') };
}

const RECORDED_HEADER = /^(?:host|content-type|authorization|x-acs-.*)$/;

/** The headers worth recording: the ones a signature can cover, plus Authorization. */
export function recordedHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => RECORDED_HEADER.test(name)));
}
