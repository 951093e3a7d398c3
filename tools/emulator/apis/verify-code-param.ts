import { randomInt } from 'node:crypto';
import { templateVariables } from '../accounts.js';
import { characterCount, MAX_VARIABLE_LENGTH } from '../template-param.js';

/** The placeholder that asks Aliyun to generate the code itself. */
export const GENERATED_CODE = '##code##';

/** A SendSmsVerifyCode TemplateParam as read against its gift template. */
export type VerifyCodeParamCheck =
  | { readonly ok: true; readonly values: Readonly<Record<string, string>>; readonly code: string }
  | { readonly ok: false; readonly message: string };

const CALLER_CODE = /^[0-9]{4,6}$/;

function refused(reason: string): VerifyCodeParamCheck {
  return { ok: false, message: `参数异常 (${reason})` };
}

function parse(raw: string): unknown {
  try {
    const value: unknown = JSON.parse(raw);
    return value;
  } catch {
    return undefined;
  }
}

/**
 * Reads TemplateParam for a gift template: a JSON object of strings filling `${code}` and
 * `${min}`. The code is the caller's (4–6 digits) or `##code##`, for which a code of
 * `codeLength` digits is generated. Every refusal is INVALID_PARAMETERS, Dypnsapi's catch-all.
 */
export function checkVerifyCodeParam(raw: string, content: string, codeLength: number): VerifyCodeParamCheck {
  const value = parse(raw);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refused('TemplateParam must be a JSON object');
  const values: Record<string, string> = {};
  for (const [name, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') return refused(`the value of "${name}" is not a string`);
    values[name] = entry;
  }
  const variables = templateVariables(content);
  const missing = variables.filter((name) => !Object.hasOwn(values, name));
  if (missing.length > 0) return refused(`模板内容与模板参数不匹配, missing: ${missing.join(', ')}`);
  const given = values.code ?? '';
  const code = given === GENERATED_CODE ? Array.from({ length: codeLength }, () => String(randomInt(0, 10))).join('') : given;
  if (given !== GENERATED_CODE && !CALLER_CODE.test(given)) return refused('a caller-chosen code must be 4 to 6 digits');
  const long = variables.find((name) => name !== 'code' && characterCount(values[name] ?? '') > MAX_VARIABLE_LENGTH);
  if (long !== undefined) return refused(`the value of "${long}" is longer than ${MAX_VARIABLE_LENGTH} characters`);
  return { ok: true, values: { ...values, code }, code };
}
