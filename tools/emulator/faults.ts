/** A failure the emulator can play instead of (or on top of) a normal answer. */
export type Fault =
  /** Wait, then handle the request normally. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Never answer (until the emulator closes). Not acted on. */
  | { readonly kind: 'hang' }
  /** Destroy the socket before reading the body. Not acted on. */
  | { readonly kind: 'reset-before-body' }
  /** Process the request (an accepted SMS is recorded), then destroy the socket without answering. */
  | { readonly kind: 'reset-after-body' }
  /** Answer 500 InternalError or 503 ServiceUnavailable. Not acted on. */
  | { readonly kind: 'http-status'; readonly status: 500 | 503 }
  /** Answer HTTP 200 with an HTML page instead of JSON. Not acted on. */
  | { readonly kind: 'garbage' }
  /** Answer HTTP 400 with the request echoed in Code, RequestId and Message, as a hostile endpoint could. Not acted on. */
  | { readonly kind: 'echo' }
  /** Answer any Aliyun Code. Not acted on. */
  | { readonly kind: 'aliyun-code'; readonly code: string; readonly message?: string; readonly status?: number };

/** A fault that decides the outcome (every kind but `delay`). */
export type TerminalFault = Exclude<Fault, { kind: 'delay' }>;

/** What to do to one request: total delay first, then the deciding fault if any. */
export interface FaultPlan {
  readonly delayMs: number;
  readonly terminal: TerminalFault | undefined;
}

// Dypnsapi's business codes carry no prefix but ride on HTTP 200 like Dysmsapi's isv.* ones.
const MESSAGE_AUTH_CODES = [
  'BUSINESS_LIMIT_CONTROL',
  'FREQUENCY_FAIL',
  'MOBILE_NUMBER_ILLEGAL',
  'INVALID_PARAMETERS',
  'SECURITY_INTERCEPTED',
  'RESOURCE_NOT_ENOUGH',
  'BIZ_NOT_OPEN_STATUS',
  'SMS_SIGNATURE_ILLEGAL',
  'SMS_TEMPLATE_ILLEGAL',
] as const;

// The international site's API (2018-05-01) answers its own codes, also unprefixed, on HTTP 200.
const INTL_CODES = [
  'INVALID_SENDERID',
  'FORBIDDEN_ACTION',
  'OUT_OF_SERVICE',
  'ACCOUNT_NOT_EXISTS',
  'SMS_CONTENT_CODE_ILLEGAL',
  'SMS_SIGN_NAME_ILLEGAL',
  'MOBILE_COUNT_OVER_LIMIT',
  'CONTENT_MISSING_PARAMETERS',
  'INVALID_JSON_PARAM',
  'PARAM_LENGTH_LIMIT',
  'AMOUNT_NOT_ENOUGH',
  'SYSTEM_ERROR',
  'DATA_NOT_EXIST',
  'QPS_LIMIT_CONTROL',
  'ONLINE_BILLING_FAILED',
  'QUERY_DATE_ILLEGAL',
  'RAM_PERMISSION_DENY',
  'PRODUCT_NOT_SUBSCRIBED',
  'SMS_SECURITY_INTERCEPTED',
  'SMS_CONTENT_ILLEGAL',
  'ACCOUNT_ILLEGAL',
  'BLACK_KEY_CONTROL_LIMIT',
  'NOT_SUPPORTED_COUNTRY',
] as const;

const KNOWN_STATUS: Readonly<Record<string, number>> = {
  InternalError: 500,
  ServiceUnavailable: 503,
  'isp.SYSTEM_ERROR': 200,
  'Forbidden.RAM': 403,
  ...Object.fromEntries(MESSAGE_AUTH_CODES.map((code) => [code, 200])),
  ...Object.fromEntries(INTL_CODES.map((code) => [code, 200])),
};

const KNOWN_MESSAGE: Readonly<Record<string, string>> = {
  InternalError: 'The request processing has failed due to some unknown error, exception or failure.',
  ServiceUnavailable: 'The request has failed due to a temporary failure of the server.',
  Throttling: 'Request was denied due to request throttling.',
  'Throttling.User': 'Request was denied due to user flow control.',
  'Throttling.Api': 'Request was denied due to api flow control.',
  'isp.SYSTEM_ERROR': 'isp.SYSTEM_ERROR',
};

/** The HTTP status Aliyun uses with a Code: isv/isp and Dypnsapi business codes ride on 200, others are gateway errors. */
export function defaultStatusFor(code: string): number {
  const known = KNOWN_STATUS[code];
  if (known !== undefined) return known;
  return code.startsWith('isv.') || code.startsWith('isp.') || code === 'OK' ? 200 : 400;
}

/** A Message for a Code when the fault gave none. */
export function defaultMessageFor(code: string): string {
  return KNOWN_MESSAGE[code] ?? code;
}

const FAULT_STATUSES: readonly number[] = [500, 503];

/** Throws on a fault that cannot be played, so a test's typo fails loudly. */
export function validateFault(fault: Fault): void {
  if (fault.kind === 'delay' && !(Number.isFinite(fault.ms) && fault.ms >= 0)) {
    throw new RangeError(`delay fault needs ms >= 0, got ${fault.ms}`);
  }
  // Callers outside TypeScript (the command line, JSON) are not held to the type.
  if (fault.kind === 'http-status' && !FAULT_STATUSES.includes(fault.status)) {
    throw new RangeError(`http-status fault supports 500 and 503, got ${String(fault.status)}`);
  }
  if (fault.kind === 'aliyun-code' && fault.status !== undefined && !(Number.isInteger(fault.status) && fault.status >= 200 && fault.status <= 599)) {
    throw new RangeError(`aliyun-code fault needs an HTTP status 200..599, got ${fault.status}`);
  }
}

function plan(faults: readonly Fault[]): FaultPlan {
  let delayMs = 0;
  for (const fault of faults) {
    if (fault.kind === 'delay') delayMs += fault.ms;
    else return { delayMs, terminal: fault };
  }
  return { delayMs, terminal: undefined };
}

/**
 * Chooses the faults of each request. Queued faults (from `inject`) go first, one request
 * each, in order; when the queue is empty every request gets the run's faults. Within a list,
 * delays add up and the first other fault decides the outcome.
 */
export class FaultSchedule {
  private readonly queue: { fault: Fault; remaining: number }[] = [];
  private runFaults: readonly Fault[];

  constructor(runFaults: readonly Fault[] = []) {
    runFaults.forEach(validateFault);
    this.runFaults = [...runFaults];
  }

  /** Queues a fault for the next `times` requests (after those already queued). */
  inject(fault: Fault, times = 1): void {
    validateFault(fault);
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`times must be a positive integer, got ${times}`);
    this.queue.push({ fault, remaining: times });
  }

  /** Drops queued faults only; the run's faults stay. */
  clearQueue(): void {
    this.queue.length = 0;
  }

  /** Drops queued faults and the run's faults. */
  clearAll(): void {
    this.clearQueue();
    this.runFaults = [];
  }

  /** Takes the plan for the next request. */
  next(): FaultPlan {
    const head = this.queue[0];
    if (head === undefined) return plan(this.runFaults);
    head.remaining -= 1;
    if (head.remaining === 0) this.queue.shift();
    return plan([head.fault]);
  }
}

/**
 * Reads a fault written on the command line: `delay:MS`, `hang`, `reset-before-body`,
 * `reset-after-body`, `http-status:500|503`, `garbage`, `echo`, `aliyun-code:CODE[:STATUS]`.
 */
export function parseFaultSpec(spec: string): Fault {
  const [kind = '', first, second] = spec.split(':');
  const number = (text: string | undefined, what: string): number => {
    const value = Number(text);
    if (text === undefined || text === '' || !Number.isInteger(value)) throw new Error(`fault "${spec}": ${what} must be an integer`);
    return value;
  };
  let fault: Fault;
  switch (kind) {
    case 'delay':
      fault = { kind, ms: number(first, 'the delay in ms') };
      break;
    case 'hang':
    case 'reset-before-body':
    case 'reset-after-body':
    case 'garbage':
    case 'echo':
      fault = { kind };
      break;
    case 'http-status': {
      const status = number(first, 'the status');
      if (status !== 500 && status !== 503) throw new Error(`fault "${spec}": status must be 500 or 503`);
      fault = { kind, status };
      break;
    }
    case 'aliyun-code':
      if (first === undefined || first === '') throw new Error(`fault "${spec}": give a code, e.g. aliyun-code:Throttling.User`);
      fault = second === undefined ? { kind, code: first } : { kind, code: first, status: number(second, 'the status') };
      break;
    default:
      throw new Error(`unknown fault "${spec}"`);
  }
  validateFault(fault);
  return fault;
}
