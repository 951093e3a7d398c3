/** A sign name Aliyun gives every SMS authentication (Dypnsapi) user, valid between two instants. */
export interface GiftSign {
  readonly name: string;
  /** First instant it may be used (emulator clock); undefined: since forever. */
  readonly validFrom?: Date;
  /** First instant it may no longer be used; undefined: no end announced. */
  readonly validUntil?: Date;
}

/** A template Aliyun gives every SMS authentication user. */
export interface GiftTemplate {
  readonly code: string;
  /** What the console calls it. */
  readonly scene: string;
  readonly content: string;
}

// Aliyun announced the rotation in Beijing time: new signs online on 7 July 2026, old ones
// unsupported after 31 August 2026, i.e. from 1 September 00:00 (UTC+8).
const NEW_SIGNS_FROM = new Date('2026-07-07T00:00:00+08:00');
const OLD_SIGNS_UNTIL = new Date('2026-09-01T00:00:00+08:00');

/**
 * The gift signs: the five Aliyun listed until the rotation (as Logto's connector shipped
 * them), then two stand-ins for the July 2026 set, whose real names Aliyun only shows in the
 * console. Pass `giftSigns` to startEmulator to model other names.
 */
export const DEFAULT_GIFT_SIGNS: readonly GiftSign[] = [
  ...['云渚科技验证平台', '云渚科技验证服务', '速通互联验证码', '速通互联验证平台', '速通互联验证服务'].map((name) => ({
    name,
    validUntil: OLD_SIGNS_UNTIL,
  })),
  ...['仿真赠送签名验证码', '仿真赠送签名验证服务'].map((name) => ({ name, validFrom: NEW_SIGNS_FROM })),
];

const GIFT_TEXT = '您的验证码是${code}，有效期${min}分钟，请勿告诉他人。';

/** The five gift templates; Aliyun gives them one text, with `${code}` and `${min}`. */
export const GIFT_TEMPLATES: readonly GiftTemplate[] = [
  { code: '100001', scene: '登录/注册', content: GIFT_TEXT },
  { code: '100002', scene: '修改绑定手机号', content: GIFT_TEXT },
  { code: '100003', scene: '重置密码', content: GIFT_TEXT },
  { code: '100004', scene: '绑定新手机号', content: GIFT_TEXT },
  { code: '100005', scene: '验证绑定手机号', content: GIFT_TEXT },
];

/** Where a gift sign stands at an instant. */
export type GiftSignState = 'valid' | 'not-yet' | 'withdrawn';

/** Whether the gift sign may be used at `now`. */
export function giftSignState(sign: GiftSign, now: Date): GiftSignState {
  const at = now.getTime();
  if (sign.validFrom !== undefined && at < sign.validFrom.getTime()) return 'not-yet';
  if (sign.validUntil !== undefined && at >= sign.validUntil.getTime()) return 'withdrawn';
  return 'valid';
}
