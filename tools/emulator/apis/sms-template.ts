import { findTemplate, REVIEW_STATUS_CODE, type ResolvedTemplate } from '../catalog.js';
import type { AnswerBody } from '../responses.js';
import { accept } from '../verdict.js';
import { businessRefusal, missingParameter, type ApiOutcome, type SignedApi, type SignedApiRequest } from './api.js';
import { auditInfo, beijingTime, stableDigits } from './review-fields.js';

function templateBody(template: ResolvedTemplate, requestId: string): AnswerBody {
  return {
    RequestId: requestId,
    Code: 'OK',
    Message: 'OK',
    TemplateName: template.name,
    TemplateCode: template.code,
    TemplateContent: template.content,
    // Strings here, numbers in TemplateTag and IntlType: as GetSmsTemplate types them.
    TemplateType: String(template.templateType),
    TemplateStatus: String(REVIEW_STATUS_CODE[template.status]),
    RelatedSignName: template.relatedSignName ?? '',
    TemplateTag: template.tag,
    OrderId: stableDigits(`order:${template.code}`, 11),
    VariableAttribute: JSON.stringify(template.variableAttribute),
    Remark: '',
    CreateDate: beijingTime(template.createdAt),
    AuditInfo: auditInfo(template.status, template.rejectReason, template.createdAt),
    FileUrlList: { FileUrl: [] },
    MoreDataFileUrlList: { MoreDataFileUrl: [] },
    ...(template.intlType === undefined ? {} : { IntlType: template.intlType }),
    ApplyScene: '',
    // Only where the fixture has one: Aliyun fills it for some kinds of template only.
    ...(template.vendorAuditStatus === undefined ? {} : { VendorAuditStatus: { ...template.vendorAuditStatus } }),
  };
}

/**
 * Dysmsapi GetSmsTemplate: the details of one template of the account, in any review state. An
 * unknown template gets the code SendSms uses for it (Aliyun does not document GetSmsTemplate's own).
 */
export function createGetSmsTemplateApi(): SignedApi {
  const handle = (request: SignedApiRequest): ApiOutcome => {
    const missing = missingParameter(request.values, ['TemplateCode'], true);
    if (missing !== undefined) return missing;
    const code = request.values.get('TemplateCode') ?? '';
    const template = findTemplate(request.credential.account, code);
    if (template === undefined) return businessRefusal('isv.SMS_TEMPLATE_ILLEGAL', `该账号下找不到对应模板 (no template "${code}" in this account)`);
    return { verdict: accept(), body: templateBody(template, request.requestId), message: undefined };
  };
  return {
    action: 'GetSmsTemplate',
    version: '2017-05-25',
    product: 'Dysmsapi',
    auth: 'signed',
    ramAction: 'dysms:GetSmsTemplate',
    sendOnlyAllowed: false,
    handle,
  };
}
