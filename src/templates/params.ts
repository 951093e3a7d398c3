import { z } from 'zod';

/** What an admin writes in a value where the verification code goes. */
export const codePlaceholder = '{{code}}';

/** Aliyun's limit on the number of variables in one TemplateParam. */
export const maxTemplateVariables = 10;

/** Aliyun's limit on one variable's value, in characters. */
export const maxVariableLength = 35;

// Logto's codes are 4 to 6 characters: a value must fit with the longest of them.
const longestCodeLength = 6;

const variableNamePattern = /^[A-Za-z0-9_]+$/;

// The config arrives as parsed JSON, where "__proto__" is an ordinary key; zod's record
// would assign it to the output object, which silently drops it instead of sending it.
const variableNameGuard = z
  .string()
  .regex(variableNamePattern, 'must be an Aliyun template variable name: letters, digits and underscores')
  .refine((name) => name !== '__proto__', 'cannot be used as a variable name');

const lengthWithCode = (value: string): number =>
  value.replaceAll(codePlaceholder, 'x'.repeat(longestCodeLength)).length;

const variableValueGuard = z.string().superRefine((value, context) => {
  if (value === '') {
    context.addIssue({ code: z.ZodIssueCode.custom, message: 'must not be empty' });
    return;
  }
  // The text around each {{code}}, piece by piece: removing the codes could join "{" and "{".
  const pieces = value.split(codePlaceholder);
  // Only the code is dynamic: {{link}}, {{locale}} or a misspelt {{Code}} would reach the
  // SMS as literal braces, and nothing else of Logto's payload is ever sent.
  if (pieces.some((piece) => piece.includes('{{') || piece.includes('}}'))) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: `may contain ${codePlaceholder} and plain text only: no other {{…}} is filled in`,
    });
  }
  if (pieces.some((piece) => piece.includes('${'))) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: `contains \${…}, Aliyun's syntax for the template text: write ${codePlaceholder} here for the code`,
    });
  }
  // UTF-16 units, as Aliyun's Java services count; never fewer than the characters a person sees.
  const length = lengthWithCode(value);
  if (length > maxVariableLength) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: `is ${length} characters long with a ${longestCodeLength}-character code: Aliyun allows ${maxVariableLength} per variable`,
    });
  }
});

/** `params` of a template entry: Aliyun's variable names to literal text or text with `{{code}}`. */
export const templateParamsGuard = z.record(variableNameGuard, variableValueGuard).superRefine((params, context) => {
  const values = Object.values(params);
  if (values.length > maxTemplateVariables) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: `has ${values.length} variables: Aliyun accepts at most ${maxTemplateVariables}`,
    });
  }
  if (!values.some((value) => value.includes(codePlaceholder))) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: `must put ${codePlaceholder} in at least one value, or the SMS would carry no verification code`,
    });
  }
});

/** Validated `params` of a template entry. */
export type TemplateParams = z.infer<typeof templateParamsGuard>;

/** What Dysmsapi SendSms templates get without `params`: `${code}` alone, as the official connector sends. */
export const sendSmsDefaultParams: Readonly<TemplateParams> = Object.freeze({ code: codePlaceholder });

/** What the SMS authentication service's gift templates (`${code}`, `${min}`) get without `params`. */
export const sendSmsVerifyCodeDefaultParams: Readonly<TemplateParams> = Object.freeze({
  code: codePlaceholder,
  min: '10',
});

/** An entry's own `params`, else the service's default. */
export const resolveParams = (
  entry: { params?: TemplateParams },
  defaults: Readonly<TemplateParams>
): Readonly<TemplateParams> => entry.params ?? defaults;

/** The TemplateParam JSON for Aliyun: exactly the params' names, `{{code}}` replaced by the code. */
export const templateParamFor = (params: Readonly<TemplateParams>, code: string): string =>
  JSON.stringify(
    // fromEntries, not assignment: a "__proto__" key must stay a key, not become a prototype.
    Object.fromEntries(
      Object.entries(params).map(([name, value]) => [
        name,
        // A value that is just the placeholder (the default's) needs no search; a replacer
        // function elsewhere, because a replacement string would read `$&` and the like.
        value === codePlaceholder ? code : value.replaceAll(codePlaceholder, () => code),
      ])
    )
  );
