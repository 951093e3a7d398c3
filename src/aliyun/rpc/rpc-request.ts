// Builds the signed HTTP request of one attempt of an Aliyun RPC call: common parameters, a fresh
// nonce and timestamp, and the signature, for signature version 1 (form parameters) or 3 (headers).
import { signedRpcForm } from './signature.js';
import { signV3Request } from './signature-v3.js';

/** Credentials one call is signed with. */
export type Credentials = {
  accessKeyId: string;
  accessKeySecret: string;
  /** An STS token, with temporary credentials. */
  securityToken?: string;
};

/** Which of Aliyun's signature algorithms signs the call. */
export type SignatureVersion = 'v1' | 'v3';

/** Everything that identifies one RPC call, before signing. */
export type RpcCallSpec = {
  endpoint: string;
  action: string;
  version: string;
  /** Business parameters (PhoneNumbers, SignName, …). */
  parameters: Readonly<Record<string, string>>;
  credentials: Credentials;
  signatureVersion: SignatureVersion;
  regionId?: string;
};

/** The signed request of one attempt, plus the values signing produced that must stay secret. */
export type SignedRequest = {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The signature (and anything derived from the secret) to redact from errors. */
  secrets: string[];
};

/** The per-attempt inputs: Aliyun rejects a reused nonce and a timestamp off by 15 minutes. */
export type AttemptClock = { now: Date; nonce: string };

/** Aliyun's V1 timestamp form: UTC, second precision, no milliseconds. */
export const aliyunTimestamp = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`;

const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' } as const;

// Names the signature itself sets: a business parameter of such a name is dropped, not signed.
const commonParameterNames: ReadonlySet<string> = new Set([
  'AccessKeyId',
  'Action',
  'Format',
  'RegionId',
  'SecurityToken',
  'Signature',
  'SignatureMethod',
  'SignatureNonce',
  'SignatureVersion',
  'Timestamp',
  'Version',
]);

const businessParameters = (spec: RpcCallSpec): Record<string, string> =>
  Object.fromEntries(Object.entries(spec.parameters).filter(([name]) => !commonParameterNames.has(name)));

const signV1 = (spec: RpcCallSpec, { now, nonce }: AttemptClock): SignedRequest => {
  const { credentials } = spec;
  const parameters: Record<string, string> = {
    ...businessParameters(spec),
    AccessKeyId: credentials.accessKeyId,
    Action: spec.action,
    Format: 'JSON',
    ...(spec.regionId === undefined ? {} : { RegionId: spec.regionId }),
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: nonce,
    SignatureVersion: '1.0',
    Timestamp: aliyunTimestamp(now),
    Version: spec.version,
    ...(credentials.securityToken === undefined ? {} : { SecurityToken: credentials.securityToken }),
  };
  const { body, signature } = signedRpcForm('POST', parameters, credentials.accessKeySecret);
  return { url: spec.endpoint, headers: { ...formHeaders }, body, secrets: [signature] };
};

// V3 moves the common parameters into signed headers; the business parameters stay in the form
// body, whose SHA-256 is signed. RegionId is not a V3 parameter: the endpoint names the region.
const signV3 = (spec: RpcCallSpec, { now, nonce }: AttemptClock): SignedRequest => {
  const { credentials } = spec;
  const body = new URLSearchParams(businessParameters(spec)).toString();
  const { headers, signature } = signV3Request(
    {
      method: 'POST',
      host: new URL(spec.endpoint).host,
      path: '/',
      action: spec.action,
      version: spec.version,
      body,
      date: aliyunTimestamp(now),
      nonce,
      ...(credentials.securityToken === undefined ? {} : { securityToken: credentials.securityToken }),
    },
    credentials
  );
  return { url: spec.endpoint, headers: { ...headers }, body, secrets: [signature] };
};

/** Signs one attempt of a call with the chosen signature version. */
export const signRequest = (spec: RpcCallSpec, clock: AttemptClock): SignedRequest => {
  switch (spec.signatureVersion) {
    case 'v1': {
      return signV1(spec, clock);
    }
    case 'v3': {
      return signV3(spec, clock);
    }
  }
};
