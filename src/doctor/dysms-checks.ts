// The doctor for Short Message Service (Dysmsapi 2017-05-25): the sign name and every template,
// as GetSmsSign and GetSmsTemplate report them, with what those answers say of the credentials
// and the clock.
import { finding, type Finding } from './finding.js';
import type { RemoteCheckInput } from './product-doctor.js';
import {
  clockFinding,
  credentialsFinding,
  credentialsWork,
  isReadDenied,
  readCall,
  readDeniedFinding,
  serverDateOf,
  signFinding,
  templateAnswer,
} from './remote-checks.js';
import { signFilingFindings } from './sign-filing.js';
import { vendorAuditFindings, verificationVariablesFinding } from './template-carriers.js';
import { templateFindings } from './template-checks.js';
import { regionsServedBy, templateUsesOf } from './template-uses.js';

// Below this, a read call could not even connect: the remaining checks are reported as skipped.
const minimumCallBudgetMs = 100;

/** The credentials, clock, sign name (and its filing) and each template the config uses. */
export const dysmsFindings = async ({ config, credentials, endpoint, remaining, now, runtime }: RemoteCheckInput): Promise<Finding[]> => {
  const findings: Finding[] = [];
  // Required for this service by the config rules (src/aliyun/products.ts).
  const signName = config.signName ?? '';
  const call = async (action: 'GetSmsSign' | 'GetSmsTemplate', parameters: Record<string, string>) =>
    readCall(config, credentials, endpoint, { action, parameters, timeoutMs: Math.max(1, remaining()) }, runtime);

  const signOutcome = await call('GetSmsSign', { SignName: signName });
  findings.push(credentialsFinding(signOutcome), clockFinding(serverDateOf(signOutcome), now()));
  if (!credentialsWork(signOutcome)) {
    return findings.filter((item) => item.check !== 'server clock' || item.status !== 'unchecked');
  }
  if (isReadDenied(signOutcome)) {
    return [...findings, readDeniedFinding];
  }
  const sign = signFinding(signOutcome, signName);
  findings.push(sign);
  // The carriers' filing matters once Aliyun approved the sign name.
  if (signOutcome.ok && sign.status === 'passed') {
    findings.push(...signFilingFindings(signOutcome.body, signName));
  }

  const uses = templateUsesOf(config);
  if (remaining() < minimumCallBudgetMs) {
    return [...findings, finding('templates', 'unchecked', 'The timeout left no time to ask Aliyun about the templates: run the doctor with a longer timeout.', 'timeout')];
  }
  const codes = [...new Set(uses.map(({ code }) => code))];
  // Asked concurrently: the whole diagnosis must fit the one timeout.
  const outcomes = new Map(
    await Promise.all(codes.map(async (code) => [code, await call('GetSmsTemplate', { TemplateCode: code })] as const))
  );
  if ([...outcomes.values()].some((outcome) => isReadDenied(outcome))) {
    return [...findings, readDeniedFinding];
  }
  const regions = regionsServedBy(config);
  for (const use of uses) {
    const outcome = outcomes.get(use.code);
    const check = `template ${use.code} (${use.usedBy.join(', ')})`;
    const answer = outcome === undefined ? finding(check, 'unchecked', 'Not asked.', 'templates') : templateAnswer(outcome, check);
    if ('advice' in answer) {
      findings.push(answer);
      continue;
    }
    findings.push(...templateFindings(use, answer, regions));
    const variables = verificationVariablesFinding(use, answer, check);
    findings.push(...(variables === undefined ? [] : [variables]), ...(outcome?.ok === true ? vendorAuditFindings(outcome.body, check) : []));
  }
  return findings;
};
