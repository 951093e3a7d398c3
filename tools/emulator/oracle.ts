import { createRequire } from 'node:module';

/** The request shape openapi-util's V3 signer reads. */
export interface V3OracleRequest {
  readonly pathname: string;
  readonly method: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
}

/** The two signers of Alibaba's SDK the emulator trusts: V1 (RPC) and V3 (ACS3). */
export interface SignatureOracle {
  /** (params without Signature, HTTP method, secret) → base64 HMAC-SHA1. */
  readonly rpcSignature: (params: Readonly<Record<string, string>>, method: string, secret: string) => string;
  /** The whole Authorization header value the SDK would send. */
  readonly v3Authorization: (request: V3OracleRequest, hashedPayload: string, accessKeyId: string, secret: string) => string;
}

interface OpenApiUtil {
  getRPCSignature: (params: Record<string, string>, method: string, secret: string) => string;
  getAuthorization: (request: object, algorithm: string, payload: string, accessKeyId: string, secret: string) => string;
}

function isOpenApiUtil(value: unknown): value is OpenApiUtil {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    'getRPCSignature' in value &&
    typeof value.getRPCSignature === 'function' &&
    'getAuthorization' in value &&
    typeof value.getAuthorization === 'function'
  );
}

/**
 * Loads `@alicloud/openapi-util` with `require`: the package is CommonJS with `exports.default`,
 * and an ESM default import yields `{ default: Client }` under Node/tsx but `Client` under
 * vitest; `require` gives the same object everywhere.
 */
function loadOracle(): SignatureOracle {
  const require = createRequire(import.meta.url);
  const loaded: unknown = require('@alicloud/openapi-util');
  const candidate: unknown = typeof loaded === 'object' && loaded !== null && 'default' in loaded ? loaded.default : loaded;
  if (!isOpenApiUtil(candidate)) throw new Error('@alicloud/openapi-util does not expose getRPCSignature and getAuthorization');
  const util = candidate;
  return {
    rpcSignature: (params, method, secret) => util.getRPCSignature({ ...params }, method, secret),
    // Copies: the SDK may normalise what it is given, and the emulator's records must stay as received.
    v3Authorization: (request, hashedPayload, accessKeyId, secret) =>
      util.getAuthorization(
        { pathname: request.pathname, method: request.method, query: { ...request.query }, headers: { ...request.headers } },
        'ACS3-HMAC-SHA256',
        hashedPayload,
        accessKeyId,
        secret,
      ),
  };
}

/** Alibaba's own signers, loaded once. */
export const oracle: SignatureOracle = loadOracle();
