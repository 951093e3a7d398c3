import type { ApiModule } from './apis/api.js';
import { defaultMessageFor, defaultStatusFor, type TerminalFault } from './faults.js';
import { signatureVersionOf, type CallHead } from './incoming.js';
import type { Judgement } from './judge.js';
import { defaultBody, renderBody, type Product, type RenderedAnswer } from './responses.js';
import { refuse, type Verdict } from './verdict.js';

/** JSON or XML: V1 defaults to XML unless Format=JSON (Aliyun's RPC default); V3 answers JSON unless Format=XML. */
export function wantsJson(call: CallHead): boolean {
  const format = call.params.values.get('Format')?.toUpperCase();
  return signatureVersionOf(call) === 'v3' ? format !== 'XML' : format === 'JSON';
}

function rootOf(verdict: Verdict, action: string): string {
  return verdict.httpStatus === 200 ? `${action}Response` : 'Error';
}

/** The wire answer for a judgement. */
export function renderJudgement(judgement: Judgement, requestId: string, json: boolean, action: string | undefined): RenderedAnswer {
  const body = judgement.body ?? defaultBody(judgement.verdict, requestId, judgement.product, judgement.extras);
  return renderBody(body, rootOf(judgement.verdict, action ?? 'SendSms'), json);
}

/** The verdict an answering fault stands for. */
export function faultVerdict(fault: TerminalFault): Verdict {
  switch (fault.kind) {
    case 'http-status': {
      const code = fault.status === 500 ? 'InternalError' : 'ServiceUnavailable';
      return refuse(code, fault.status, defaultMessageFor(code));
    }
    case 'aliyun-code':
      return refuse(fault.code, fault.status ?? defaultStatusFor(fault.code), fault.message ?? defaultMessageFor(fault.code));
    default:
      return refuse(`fault:${fault.kind}`, fault.kind === 'garbage' ? 200 : fault.kind === 'echo' ? 400 : 0, `injected fault: ${fault.kind}`);
  }
}

/** The answer of a fault, in the shape of the API the request addressed (Dysmsapi SendSms when it named none). */
export function renderFault(verdict: Verdict, requestId: string, json: boolean, api: ApiModule | undefined): RenderedAnswer {
  const product: Product = api?.product ?? 'Dysmsapi';
  return renderBody(defaultBody(verdict, requestId, product), rootOf(verdict, api?.action ?? 'SendSms'), json);
}
