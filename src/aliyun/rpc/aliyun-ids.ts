// Aliyun's Code and RequestId are the only parts of an answer an anonymous end user sees. An
// endpoint or proxy that echoes the request can put anything in them (the AccessKey ID, the sign
// name, the whole form), so they reach an end user only in the shapes Aliyun gives them.

/** Longest Code or RequestId an end user is shown. */
export const maximumIdLength = 64;

// Codes such as isv.BUSINESS_LIMIT_CONTROL, Throttling.User, InvalidAccessKeyId.NotFound.
const codeShape = new RegExp(`^[A-Za-z0-9._-]{1,${maximumIdLength}}$`);
// Aliyun's RequestIds are UUIDs (F655A8D5-B967-440B-8683-DAD6FF8DE990). A looser token would
// let through an echoed AccessKey ID, and a bare hex run a hash of the request.
const requestIdShape = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;

/** Whether text has the shape of an Aliyun Code: letters, digits, `.`, `_`, `-`, at most 64 characters. */
export const hasCodeShape = (text: string): boolean => codeShape.test(text);

/** Whether text has the shape of an Aliyun RequestId: a UUID. */
export const hasRequestIdShape = (text: string): boolean => requestIdShape.test(text);

/** Aliyun's ids as an error's data carries them. */
export type AliyunIds = { Code?: string; RequestId?: string };

/**
 * The ids an end user may see: both when each one present has its shape, else neither, since
 * an answer that echoes something in one field cannot be trusted in the other.
 */
export const idsForEndUser = ({ Code, RequestId }: AliyunIds): AliyunIds => {
  const shaped = (Code === undefined || hasCodeShape(Code)) && (RequestId === undefined || hasRequestIdShape(RequestId));
  if (!shaped) {
    return {};
  }
  return { ...(Code === undefined ? {} : { Code }), ...(RequestId === undefined ? {} : { RequestId }) };
};
