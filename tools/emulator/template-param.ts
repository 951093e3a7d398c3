import { templateVariables, type SmsTemplate } from './accounts.js';

/** The TemplateParam of a request, read against its template. */
export type TemplateParamCheck =
  | { readonly ok: true; readonly values: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly code: string; readonly message: string };

// Aliyun's verification-code variables take 4 to 6 digits or letters.
const VERIFICATION_CODE = /^[0-9A-Za-z]{4,6}$/;

function invalidJson(reason: string): TemplateParamCheck {
  return { ok: false, code: 'isv.INVALID_JSON_PARAM', message: `JSON参数不合法，只接受字符串值 (${reason})` };
}

function parseJson(raw: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  try {
    const value: unknown = JSON.parse(raw);
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}

/**
 * Checks TemplateParam: a JSON object whose values are all strings and which fills every
 * `${var}` of the template. Extra keys are ignored, as Aliyun does.
 */
export function checkTemplateParam(raw: string | undefined, template: SmsTemplate): TemplateParamCheck {
  const variables = templateVariables(template.content);
  if (raw === undefined || raw === '') {
    if (variables.length === 0) return { ok: true, values: {} };
    return {
      ok: false,
      code: 'isv.TEMPLATE_MISSING_PARAMETERS',
      message: `模板变量缺少对应参数值 (TemplateParam is missing; the template needs ${variables.join(', ')})`,
    };
  }
  const parsed = parseJson(raw);
  if (!parsed.ok) return invalidJson('TemplateParam is not JSON');
  const { value } = parsed;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalidJson('TemplateParam must be a JSON object');
  }
  const values: Record<string, string> = {};
  for (const [name, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') return invalidJson(`the value of "${name}" is a ${entry === null ? 'null' : typeof entry}, not a string`);
    values[name] = entry;
  }
  const missing = variables.filter((name) => !Object.hasOwn(values, name));
  if (missing.length > 0) {
    return {
      ok: false,
      code: 'isv.TEMPLATE_MISSING_PARAMETERS',
      message: `模板变量缺少对应参数值 (missing: ${missing.join(', ')})`,
    };
  }
  const code = values.code;
  if (variables.includes('code') && code !== undefined && !VERIFICATION_CODE.test(code)) {
    return {
      ok: false,
      code: 'isv.TEMPLATE_PARAMS_ILLEGAL',
      message: '模板变量里包含非法关键字 (a verification code must be 4 to 6 digits or letters)',
    };
  }
  return { ok: true, values };
}
