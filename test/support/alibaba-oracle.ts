import openApiUtil from '@alicloud/openapi-util';

/** The part of Alibaba's SDK we use as an independent oracle for V1 signatures. */
export type RpcSignatureOracle = {
  getRPCSignature(parameters: Record<string, string>, method: string, secret: string): string;
};

const isOracle = (value: unknown): value is RpcSignatureOracle =>
  (typeof value === 'function' || (typeof value === 'object' && value !== null)) &&
  'getRPCSignature' in value &&
  typeof value.getRPCSignature === 'function';

// Node's ESM loader hands us module.exports ({ default: Client }), vitest's interop hands
// us Client itself; accept either rather than depend on the runner.
const candidates: unknown[] = [openApiUtil, Reflect.get(openApiUtil, 'default')];
const oracle = candidates.find((candidate) => isOracle(candidate));

/** Alibaba's own getRPCSignature, whichever way the module loader exposed it. */
export const alibabaRpcSignature = (
  parameters: Record<string, string>,
  method: string,
  secret: string
): string => {
  if (!isOracle(oracle)) {
    throw new Error('@alicloud/openapi-util does not expose getRPCSignature');
  }
  // The SDK drops objects that fail `instanceof Object` (null prototypes): hand it a plain copy.
  return oracle.getRPCSignature({ ...parameters }, method, secret);
};
