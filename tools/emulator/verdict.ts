/** What the emulator decided about one request. */
export interface Verdict {
  /** Aliyun's Code (`OK` on success), or `fault:<kind>` when a fault answered without processing. */
  readonly code: string;
  readonly message: string;
  /** The HTTP status decided (also recorded when a fault then withheld the answer; 0 if none was decided). */
  readonly httpStatus: number;
  /** True once the signature was checked and matched. */
  readonly signatureVerified: boolean;
}

/** A verdict for a request that was refused or answered with an error. */
export function refuse(code: string, httpStatus: number, message: string, signatureVerified = false): Verdict {
  return { code, httpStatus, message, signatureVerified };
}

/** The verdict of an accepted request; anonymous APIs (STS with an OIDC token) verify no AccessKey signature. */
export function accept(signatureVerified = true): Verdict {
  return { code: 'OK', httpStatus: 200, message: 'OK', signatureVerified };
}
