import { refuse, type Verdict } from '../verdict.js';
import type { ApiModule } from './api.js';
import { createQueryMessageApi, type QueryMessageDeps } from './query-message.js';
import { createSendMessageToGlobeApi } from './send-message-to-globe.js';
import { createSendMessageWithTemplateApi } from './send-message-with-template.js';
import { createQuerySendDetailsApi, type QuerySendDetailsDeps } from './query-send-details.js';
import { createSendSmsVerifyCodeApi, type SendSmsVerifyCodeDeps } from './send-sms-verify-code.js';
import { createSendSmsApi, type SendSmsDeps } from './send-sms.js';
import { createGetSmsSignApi } from './sms-sign.js';
import { createGetSmsTemplateApi } from './sms-template.js';
import { createAssumeRoleWithOidcApi, type StsDeps } from './sts.js';

/** What the APIs share with the emulator. */
export interface ApiDeps {
  readonly sendSms: SendSmsDeps;
  readonly sendSmsVerifyCode: SendSmsVerifyCodeDeps;
  readonly sts: StsDeps;
  readonly queryMessage: QueryMessageDeps;
  readonly querySendDetails: QuerySendDetailsDeps;
}

/** Every API the emulator speaks, on one port: the connector's endpoint stands in for each product's host. */
export function createApis(deps: ApiDeps): readonly ApiModule[] {
  return [
    createSendSmsApi(deps.sendSms),
    createGetSmsSignApi(),
    createGetSmsTemplateApi(),
    createQuerySendDetailsApi(deps.querySendDetails),
    createSendSmsVerifyCodeApi(deps.sendSmsVerifyCode),
    createAssumeRoleWithOidcApi(deps.sts),
    createSendMessageToGlobeApi(),
    createSendMessageWithTemplateApi(),
    createQueryMessageApi(deps.queryMessage),
  ];
}

/** The API an Action and Version name, or the gateway's refusal. */
export type Route = { readonly ok: true; readonly api: ApiModule } | { readonly ok: false; readonly verdict: Verdict };

/** Chooses the API by Action, then checks the Version: an unknown Action is 404, a known one at another Version 400. */
export function route(apis: readonly ApiModule[], action: string, version: string): Route {
  const named = apis.filter((api) => api.action === action);
  if (named.length === 0) return { ok: false, verdict: refuse('InvalidAction.NotFound', 404, 'Specified api is not found, please check your url and method.') };
  const api = named.find((candidate) => candidate.version === version);
  if (api === undefined) return { ok: false, verdict: refuse('InvalidVersion', 400, 'Specified parameter Version is not valid.') };
  return { ok: true, api };
}
