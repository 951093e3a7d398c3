import { createRequire } from 'node:module';

/** The request shape openapi-util's getAuthorization reads. */
export type OracleRequest = {
  method: string;
  pathname: string;
  query: Record<string, string>;
  headers: Record<string, string>;
};

/** openapi-util's V3 signer: (request, algorithm, hex body hash, key id, secret) → Authorization header. */
export type OracleAuthorization = (
  request: OracleRequest,
  algorithm: string,
  hashedPayload: string,
  accessKeyId: string,
  accessKeySecret: string
) => string;

type AuthorizationModule = { getAuthorization: OracleAuthorization };

const isAuthorizationModule = (value: unknown): value is AuthorizationModule =>
  (typeof value === 'object' || typeof value === 'function') &&
  value !== null &&
  'getAuthorization' in value &&
  typeof value.getAuthorization === 'function';

// require, not import: the package is CommonJS with exports.default, which ESM interop hands
// over as the class under vitest but as { default } under plain Node.
const loadOracle = (): OracleAuthorization => {
  const require = createRequire(import.meta.url);
  const loaded: unknown = require('@alicloud/openapi-util');
  const candidate: unknown =
    typeof loaded === 'object' && loaded !== null && 'default' in loaded ? loaded.default : loaded;
  if (!isAuthorizationModule(candidate)) {
    throw new Error('@alicloud/openapi-util does not expose getAuthorization');
  }
  const client = candidate;
  return (request, algorithm, hashed, accessKeyId, accessKeySecret) =>
    client.getAuthorization(request, algorithm, hashed, accessKeyId, accessKeySecret);
};

/** Alibaba's own V3 Authorization header builder, the oracle of the V3 signer's tests. */
export const oracleAuthorization: OracleAuthorization = loadOracle();
