// The answers of Dysmsapi's read-only calls, as far as the doctor relies on them. Aliyun sends
// some numbers as strings and some as numbers depending on the field and SDK era: both are read.
import { trySafe } from '@silverhand/essentials';
import { z } from 'zod';

const numberLike = z.union([z.number(), z.string().trim().regex(/^-?\d+$/).transform(Number)]);
const optionalText = z.string().optional().catch(undefined);
const optionalNumber = numberLike.optional().catch(undefined);
const auditInfo = z.object({ RejectInfo: optionalText }).optional().catch(undefined);

/** GetSmsSign's answer. */
export const smsSignGuard = z.object({
  SignName: optionalText,
  SignStatus: numberLike,
  AuditInfo: auditInfo,
  SignTag: optionalNumber,
  SignUsage: optionalText,
});

/** GetSmsTemplate's answer. */
export const smsTemplateGuard = z.object({
  TemplateCode: optionalText,
  TemplateStatus: numberLike,
  TemplateType: numberLike,
  IntlType: optionalNumber,
  TemplateContent: z.string(),
  RelatedSignName: optionalText,
  AuditInfo: auditInfo,
});

/** A sign as GetSmsSign describes it. */
export type SmsSign = z.infer<typeof smsSignGuard>;
/** A template as GetSmsTemplate describes it. */
export type SmsTemplate = z.infer<typeof smsTemplateGuard>;

/** Reads a body with a guard, or undefined when it does not fit. */
export const readAnswer = <T>(guard: z.ZodType<T, z.ZodTypeDef, unknown>, body: string): T | undefined => {
  const parsed = guard.safeParse(trySafe((): unknown => JSON.parse(body)));
  return parsed.success ? parsed.data : undefined;
};
