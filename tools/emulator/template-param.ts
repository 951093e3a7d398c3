import { templateVariables, type SmsTemplate } from './accounts.js';
import { resolveTemplate } from './catalog.js';

/** The TemplateParam of a request, read against its template. */
export type TemplateParamCheck =
  | { readonly ok: true; readonly values: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * Aliyun's limit on one variable's value: 1–35 characters for templates applied for since
 * January 2018 (verification-code variables have their own 4–6 rule). Counted in code points.
 */
export const MAX_VARIABLE_LENGTH = 35;

// VariableAttribute values Aliyun uses for verification codes, and what each admits.
const VERIFICATION_RULES: Readonly<Record<string, { readonly pattern: RegExp; readonly wording: string }>> = {
  numberCaptcha: { pattern: /^[0-9]{4,6}$/, wording: '4 to 6 digits' },
  characterWithNumber: { pattern: /^[0-9A-Za-z]{4,6}$/, wording: '4 to 6 digits or letters' },
  characterWithNumber2: { pattern: /^[0-9A-Za-z]{4,6}$/, wording: '4 to 6 digits or letters' },
};

/** A value's length as Aliyun counts it: one per character (code point), Chinese included. */
export function characterCount(value: string): number {
  return Array.from(value).length;
}

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

function checkValue(name: string, value: string, attribute: string | undefined): TemplateParamCheck | undefined {
  const rule = attribute === undefined ? undefined : VERIFICATION_RULES[attribute];
  if (rule !== undefined) {
    if (rule.pattern.test(value)) return undefined;
    return { ok: false, code: 'isv.TEMPLATE_PARAMS_ILLEGAL', message: `模板变量里包含非法关键字 (a verification code must be ${rule.wording})` };
  }
  const length = characterCount(value);
  if (length <= MAX_VARIABLE_LENGTH) return undefined;
  return {
    ok: false,
    code: 'isv.PARAM_LENGTH_LIMIT',
    message: `参数超出长度限制 (the value of "${name}" has ${length} characters; a variable takes at most ${MAX_VARIABLE_LENGTH})`,
  };
}

/**
 * Checks TemplateParam: a JSON object whose values are all strings and which fills every
 * `${var}` of the template, each value within its variable's rule (the verification-code rule
 * where VariableAttribute says so, else the 35-character limit). Extra keys are ignored, as
 * Aliyun does.
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
  const { variableAttribute } = resolveTemplate(template);
  for (const name of variables) {
    const refusal = checkValue(name, values[name] ?? '', variableAttribute[name]);
    if (refusal !== undefined) return refusal;
  }
  return { ok: true, values };
}
