// The sender ID an international-site SMS shows (`From`), as Aliyun accepts it: up to 11
// letters and digits with at least one letter, or up to 15 digits. Which one a country lets
// through varies, and some require it registered; Aliyun answers INVALID_SENDERID then.

const alphanumeric = /^(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{1,11}$/;
const numeric = /^\d{1,15}$/;

/** Why a sender ID is refused, or undefined when its form is one Aliyun accepts. */
export const senderIdProblem = (senderId: string): string | undefined =>
  alphanumeric.test(senderId) || numeric.test(senderId)
    ? undefined
    : 'must be up to 11 letters and digits (with at least one letter), or up to 15 digits';
