// Every sentence an anonymous end user can read when a send fails, in the nine languages of the
// connector's metadata. Logto shows it on the sign-in page (errorDescription of a `general`
// error) and returns it with every other code. A sentence says what happened and what the user
// can do, and nothing of the configuration. A new sentence is one more entry here; `{name}` marks
// a value filled in when the sentence is said, and each language holds the same placeholders.

/** The languages every sentence exists in: those of the connector's metadata. */
export const sentenceLanguages = ['en', 'zh-CN', 'zh-TW', 'de', 'ja', 'ko', 'fr', 'es', 'pt-BR'] as const;

/** One of the languages in `sentenceLanguages`. */
export type SentenceLanguage = (typeof sentenceLanguages)[number];

/** A sentence in every language. */
export type Sentence = Readonly<Record<SentenceLanguage, string>>;

/** The sentences by id. */
export const endUserSentences = {
  /** Something in the deployment (config, templates, credentials) is wrong: nothing the user can fix. */
  'site-problem': {
    en: 'Verification codes cannot be sent by SMS right now because of a problem on this site. Please try again later.',
    'zh-CN': '由于本网站的问题，目前无法通过短信发送验证码。请稍后再试。',
    'zh-TW': '由於本網站發生問題，目前無法以簡訊傳送驗證碼。請稍後再試。',
    de: 'Wegen eines Problems auf dieser Website können Bestätigungscodes derzeit nicht per SMS gesendet werden. Bitte versuchen Sie es später erneut.',
    ja: 'このサイトの問題により、現在 SMS で認証コードを送信できません。しばらくしてからもう一度お試しください。',
    ko: '이 사이트의 문제로 현재 SMS로 인증 코드를 보낼 수 없습니다. 나중에 다시 시도해 주세요.',
    fr: 'En raison d’un problème sur ce site, les codes de vérification ne peuvent pas être envoyés par SMS pour le moment. Veuillez réessayer plus tard.',
    es: 'Debido a un problema en este sitio, ahora mismo no se pueden enviar códigos de verificación por SMS. Vuelve a intentarlo más tarde.',
    'pt-BR': 'Devido a um problema neste site, no momento não é possível enviar códigos de verificação por SMS. Tente novamente mais tarde.',
  },
  /** The account's balance or limits are exhausted. */
  unavailable: {
    en: 'Verification codes cannot be sent by SMS right now. Please try again later.',
    'zh-CN': '目前无法通过短信发送验证码。请稍后再试。',
    'zh-TW': '目前無法以簡訊傳送驗證碼。請稍後再試。',
    de: 'Bestätigungscodes können derzeit nicht per SMS gesendet werden. Bitte versuchen Sie es später erneut.',
    ja: '現在、SMS で認証コードを送信できません。しばらくしてからもう一度お試しください。',
    ko: '현재 SMS로 인증 코드를 보낼 수 없습니다. 나중에 다시 시도해 주세요.',
    fr: 'Les codes de vérification ne peuvent pas être envoyés par SMS pour le moment. Veuillez réessayer plus tard.',
    es: 'Ahora mismo no se pueden enviar códigos de verificación por SMS. Vuelve a intentarlo más tarde.',
    'pt-BR': 'No momento, não é possível enviar códigos de verificação por SMS. Tente novamente mais tarde.',
  },
  /** Nothing more specific is known; nothing was sent. */
  'not-sent': {
    en: 'The verification code could not be sent by SMS. Please try again later.',
    'zh-CN': '验证码短信发送失败。请稍后再试。',
    'zh-TW': '驗證碼簡訊傳送失敗。請稍後再試。',
    de: 'Der Bestätigungscode konnte nicht per SMS gesendet werden. Bitte versuchen Sie es später erneut.',
    ja: '認証コードを SMS で送信できませんでした。しばらくしてからもう一度お試しください。',
    ko: '인증 코드를 SMS로 보내지 못했습니다. 나중에 다시 시도해 주세요.',
    fr: 'Le code de vérification n’a pas pu être envoyé par SMS. Veuillez réessayer plus tard.',
    es: 'No se pudo enviar el código de verificación por SMS. Vuelve a intentarlo más tarde.',
    'pt-BR': 'Não foi possível enviar o código de verificação por SMS. Tente novamente mais tarde.',
  },
  /** A rate limit whose scope is unknown. */
  'too-many-requests': {
    en: 'Too many verification codes were requested. Please wait a few minutes before requesting another one.',
    'zh-CN': '获取验证码的次数过多。请等待几分钟后再重新获取。',
    'zh-TW': '索取驗證碼的次數過多。請稍候幾分鐘再重新索取。',
    de: 'Es wurden zu viele Bestätigungscodes angefordert. Bitte warten Sie einige Minuten, bevor Sie einen neuen anfordern.',
    ja: '認証コードのリクエストが多すぎます。数分待ってから、もう一度リクエストしてください。',
    ko: '인증 코드 요청이 너무 많습니다. 몇 분 후에 다시 요청해 주세요.',
    fr: 'Trop de codes de vérification ont été demandés. Veuillez patienter quelques minutes avant d’en demander un autre.',
    es: 'Se han solicitado demasiados códigos de verificación. Espera unos minutos antes de solicitar otro.',
    'pt-BR': 'Foram solicitados códigos de verificação demais. Aguarde alguns minutos antes de solicitar outro.',
  },
  /** A send refused by the connector's own send limits: nothing about which limit, which would help an attacker pace a run. */
  'send-limit': {
    en: 'Too many verification codes have been requested. Please try again later.',
    'zh-CN': '请求验证码的次数过多，请稍后再试。',
    'zh-TW': '請求驗證碼的次數過多，請稍後再試。',
    de: 'Es wurden zu viele Bestätigungscodes angefordert. Bitte versuchen Sie es später erneut.',
    ja: '認証コードのリクエストが多すぎます。しばらくしてからもう一度お試しください。',
    ko: '인증 코드 요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.',
    fr: 'Trop de codes de vérification ont été demandés. Veuillez réessayer plus tard.',
    es: 'Se han solicitado demasiados códigos de verificación. Vuelva a intentarlo más tarde.',
    'pt-BR': 'Foram solicitados códigos de verificação demais. Tente novamente mais tarde.',
  },
  /** The international site without a mainland template: the site cannot reach mainland numbers. */
  'mainland-unavailable': {
    en: 'Verification codes cannot be sent by SMS to mainland China numbers right now.',
    'zh-CN': '目前无法通过短信向中国大陆手机号发送验证码。',
    'zh-TW': '目前無法透過簡訊向中國大陸手機號碼傳送驗證碼。',
    de: 'Bestätigungscodes können derzeit nicht per SMS an Mobilnummern in Festlandchina gesendet werden.',
    ja: '現在、中国本土の電話番号には SMS で認証コードを送信できません。',
    ko: '현재 중국 본토 휴대폰 번호로는 SMS 인증 코드를 보낼 수 없습니다.',
    fr: 'Les codes de vérification ne peuvent pas être envoyés par SMS vers des numéros de Chine continentale pour le moment.',
    es: 'En este momento no se pueden enviar códigos de verificación por SMS a números de China continental.',
    'pt-BR': 'No momento, não é possível enviar códigos de verificação por SMS para números da China continental.',
  },
  /** Aliyun's per-number limit. */
  'too-many-for-number': {
    en: 'Too many verification codes were requested for this phone number. Please wait a few minutes before requesting another one.',
    'zh-CN': '此手机号码获取验证码的次数过多。请等待几分钟后再重新获取。',
    'zh-TW': '此手機號碼索取驗證碼的次數過多。請稍候幾分鐘再重新索取。',
    de: 'Für diese Telefonnummer wurden zu viele Bestätigungscodes angefordert. Bitte warten Sie einige Minuten, bevor Sie einen neuen anfordern.',
    ja: 'この電話番号への認証コードのリクエストが多すぎます。数分待ってから、もう一度リクエストしてください。',
    ko: '이 전화번호로 요청된 인증 코드가 너무 많습니다. 몇 분 후에 다시 요청해 주세요.',
    fr: 'Trop de codes de vérification ont été demandés pour ce numéro de téléphone. Veuillez patienter quelques minutes avant d’en demander un autre.',
    es: 'Se han solicitado demasiados códigos de verificación para este número de teléfono. Espera unos minutos antes de solicitar otro.',
    'pt-BR': 'Foram solicitados códigos de verificação demais para este número de telefone. Aguarde alguns minutos antes de solicitar outro.',
  },
  /** Aliyun's gateway throttled the account; nothing was sent. */
  'service-busy': {
    en: 'The SMS service is busy. Please try again in a moment.',
    'zh-CN': '短信服务繁忙。请稍后再试。',
    'zh-TW': '簡訊服務忙碌中。請稍後再試。',
    de: 'Der SMS-Dienst ist ausgelastet. Bitte versuchen Sie es gleich noch einmal.',
    ja: 'SMS サービスが混み合っています。しばらくしてからもう一度お試しください。',
    ko: 'SMS 서비스가 혼잡합니다. 잠시 후 다시 시도해 주세요.',
    fr: 'Le service SMS est surchargé. Veuillez réessayer dans un instant.',
    es: 'El servicio de SMS está saturado. Vuelve a intentarlo en un momento.',
    'pt-BR': 'O serviço de SMS está sobrecarregado. Tente novamente em instantes.',
  },
  /** The request never reached the SMS service. */
  'not-reached': {
    en: 'The SMS service could not be reached. Please try again in a moment.',
    'zh-CN': '无法连接短信服务。请稍后再试。',
    'zh-TW': '無法連線至簡訊服務。請稍後再試。',
    de: 'Der SMS-Dienst ist nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
    ja: 'SMS サービスに接続できませんでした。しばらくしてからもう一度お試しください。',
    ko: 'SMS 서비스에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.',
    fr: 'Le service SMS est injoignable. Veuillez réessayer dans un instant.',
    es: 'No se pudo conectar con el servicio de SMS. Vuelve a intentarlo en un momento.',
    'pt-BR': 'Não foi possível conectar ao serviço de SMS. Tente novamente em instantes.',
  },
  /** The request may have been sent (a timeout or reset after connecting): a code may still arrive. */
  'not-confirmed': {
    en: 'The SMS service did not confirm the message. If no code arrives within a minute, please request a new one.',
    'zh-CN': '短信服务未确认消息已发送。如果一分钟内没有收到验证码，请重新获取。',
    'zh-TW': '簡訊服務未確認訊息已送出。如果一分鐘內沒有收到驗證碼，請重新索取。',
    de: 'Der SMS-Dienst hat den Versand nicht bestätigt. Wenn innerhalb einer Minute kein Code ankommt, fordern Sie bitte einen neuen an.',
    ja: 'SMS サービスから送信の確認が得られませんでした。1分以内にコードが届かない場合は、新しいコードをリクエストしてください。',
    ko: 'SMS 서비스에서 메시지 발송을 확인하지 못했습니다. 1분 안에 코드가 오지 않으면 새 코드를 요청해 주세요.',
    fr: 'Le service SMS n’a pas confirmé l’envoi du message. Si aucun code n’arrive d’ici une minute, veuillez en demander un nouveau.',
    es: 'El servicio de SMS no confirmó el envío del mensaje. Si no recibes ningún código en un minuto, solicita uno nuevo.',
    'pt-BR': 'O serviço de SMS não confirmou o envio da mensagem. Se nenhum código chegar em um minuto, solicite um novo.',
  },
  /** Aliyun reported an internal fault: a code may still arrive. */
  'service-problem': {
    en: 'The SMS service reported a problem. If no code arrives within a minute, please request a new one.',
    'zh-CN': '短信服务报告了一个问题。如果一分钟内没有收到验证码，请重新获取。',
    'zh-TW': '簡訊服務回報了問題。如果一分鐘內沒有收到驗證碼，請重新索取。',
    de: 'Der SMS-Dienst hat ein Problem gemeldet. Wenn innerhalb einer Minute kein Code ankommt, fordern Sie bitte einen neuen an.',
    ja: 'SMS サービスで問題が発生しました。1分以内にコードが届かない場合は、新しいコードをリクエストしてください。',
    ko: 'SMS 서비스에서 문제가 보고되었습니다. 1분 안에 코드가 오지 않으면 새 코드를 요청해 주세요.',
    fr: 'Le service SMS a signalé un problème. Si aucun code n’arrive d’ici une minute, veuillez en demander un nouveau.',
    es: 'El servicio de SMS informó de un problema. Si no recibes ningún código en un minuto, solicita uno nuevo.',
    'pt-BR': 'O serviço de SMS relatou um problema. Se nenhum código chegar em um minuto, solicite um novo.',
  },
  /** An answer that cannot be read: a code may still arrive. */
  'unexpected-answer': {
    en: 'The SMS service gave an unexpected answer. If no code arrives within a minute, please request a new one.',
    'zh-CN': '短信服务返回了异常的响应。如果一分钟内没有收到验证码，请重新获取。',
    'zh-TW': '簡訊服務傳回了非預期的回應。如果一分鐘內沒有收到驗證碼，請重新索取。',
    de: 'Der SMS-Dienst hat unerwartet geantwortet. Wenn innerhalb einer Minute kein Code ankommt, fordern Sie bitte einen neuen an.',
    ja: 'SMS サービスから予期しない応答がありました。1分以内にコードが届かない場合は、新しいコードをリクエストしてください。',
    ko: 'SMS 서비스에서 예상치 못한 응답을 받았습니다. 1분 안에 코드가 오지 않으면 새 코드를 요청해 주세요.',
    fr: 'Le service SMS a renvoyé une réponse inattendue. Si aucun code n’arrive d’ici une minute, veuillez en demander un nouveau.',
    es: 'El servicio de SMS dio una respuesta inesperada. Si no recibes ningún código en un minuto, solicita uno nuevo.',
    'pt-BR': 'O serviço de SMS deu uma resposta inesperada. Se nenhum código chegar em um minuto, solicite um novo.',
  },
  /** Aliyun refused the number as a recipient. */
  'number-cannot-receive': {
    en: 'This phone number cannot receive a verification code by SMS. Please check the number.',
    'zh-CN': '此手机号码无法通过短信接收验证码。请检查号码。',
    'zh-TW': '此手機號碼無法以簡訊接收驗證碼。請檢查號碼。',
    de: 'An diese Telefonnummer kann kein Bestätigungscode per SMS gesendet werden. Bitte prüfen Sie die Nummer.',
    ja: 'この電話番号では SMS で認証コードを受け取れません。番号をご確認ください。',
    ko: '이 전화번호로는 SMS 인증 코드를 받을 수 없습니다. 번호를 확인해 주세요.',
    fr: 'Ce numéro de téléphone ne peut pas recevoir de code de vérification par SMS. Veuillez vérifier le numéro.',
    es: 'Este número de teléfono no puede recibir un código de verificación por SMS. Comprueba el número.',
    'pt-BR': 'Este número de telefone não pode receber um código de verificação por SMS. Verifique o número.',
  },
  /** The number is no valid mobile number. */
  'invalid-number': {
    en: 'This phone number is not valid. Please check it and try again.',
    'zh-CN': '手机号码无效。请检查后重试。',
    'zh-TW': '手機號碼無效。請檢查後再試一次。',
    de: 'Diese Telefonnummer ist ungültig. Bitte prüfen Sie sie und versuchen Sie es erneut.',
    ja: 'この電話番号は無効です。番号をご確認のうえ、もう一度お試しください。',
    ko: '유효하지 않은 전화번호입니다. 확인 후 다시 시도해 주세요.',
    fr: 'Ce numéro de téléphone n’est pas valide. Veuillez le vérifier et réessayer.',
    es: 'Este número de teléfono no es válido. Compruébalo y vuelve a intentarlo.',
    'pt-BR': 'Este número de telefone não é válido. Verifique-o e tente novamente.',
  },
  /** Strict mode: a mainland number written without 86. */
  'missing-country-code': {
    en: 'Please enter the phone number with its country code.',
    'zh-CN': '请输入带国家或地区代码的手机号码。',
    'zh-TW': '請輸入含國家或地區代碼的手機號碼。',
    de: 'Bitte geben Sie die Telefonnummer mit Ländervorwahl ein.',
    ja: '国番号を付けて電話番号を入力してください。',
    ko: '국가 번호를 포함하여 전화번호를 입력해 주세요.',
    fr: 'Veuillez saisir le numéro de téléphone avec son indicatif de pays.',
    es: 'Introduce el número de teléfono con su prefijo de país.',
    'pt-BR': 'Digite o número de telefone com o código do país.',
  },
  /** The number's country is not in the allowed countries; which one is unknown. */
  'country-not-allowed': {
    en: 'Verification codes cannot be sent to phone numbers of this country.',
    'zh-CN': '无法向该国家或地区的手机号码发送验证码。',
    'zh-TW': '無法向該國家或地區的手機號碼傳送驗證碼。',
    de: 'An Telefonnummern dieses Landes können keine Bestätigungscodes gesendet werden.',
    ja: 'この国の電話番号には認証コードを送信できません。',
    ko: '이 국가의 전화번호로는 인증 코드를 보낼 수 없습니다.',
    fr: 'Les codes de vérification ne peuvent pas être envoyés aux numéros de téléphone de ce pays.',
    es: 'No se pueden enviar códigos de verificación a números de teléfono de este país.',
    'pt-BR': 'Não é possível enviar códigos de verificação para números de telefone deste país.',
  },
  /** The number's country, named by its ISO code or calling code, is not in the allowed countries. */
  'country-not-allowed-named': {
    en: 'Verification codes cannot be sent to phone numbers of this country ({country}).',
    'zh-CN': '无法向该国家或地区（{country}）的手机号码发送验证码。',
    'zh-TW': '無法向該國家或地區（{country}）的手機號碼傳送驗證碼。',
    de: 'An Telefonnummern dieses Landes ({country}) können keine Bestätigungscodes gesendet werden.',
    ja: 'この国（{country}）の電話番号には認証コードを送信できません。',
    ko: '이 국가({country})의 전화번호로는 인증 코드를 보낼 수 없습니다.',
    fr: 'Les codes de vérification ne peuvent pas être envoyés aux numéros de téléphone de ce pays ({country}).',
    es: 'No se pueden enviar códigos de verificación a números de teléfono de este país ({country}).',
    'pt-BR': 'Não é possível enviar códigos de verificação para números de telefone deste país ({country}).',
  },
  /** The SMS authentication service reaches mainland China numbers only. */
  'mainland-only': {
    en: 'Verification codes can only be sent to mainland China mobile numbers.',
    'zh-CN': '验证码只能发送至中国大陆手机号码。',
    'zh-TW': '驗證碼只能傳送至中國大陸手機號碼。',
    de: 'Bestätigungscodes können nur an Mobilnummern in Festlandchina gesendet werden.',
    ja: '認証コードは中国本土の携帯電話番号にのみ送信できます。',
    ko: '인증 코드는 중국 본토 휴대전화 번호로만 보낼 수 있습니다.',
    fr: 'Les codes de vérification ne peuvent être envoyés qu’à des numéros de mobile de Chine continentale.',
    es: 'Los códigos de verificación solo se pueden enviar a números móviles de China continental.',
    'pt-BR': 'Os códigos de verificação só podem ser enviados para números de celular da China continental.',
  },
} as const satisfies Readonly<Record<string, Sentence>>;

/** The id of one end-user sentence. */
export type SentenceId = keyof typeof endUserSentences;

/** Whether `value` names a sentence of the table. */
export const isSentenceId = (value: unknown): value is SentenceId =>
  typeof value === 'string' && Object.hasOwn(endUserSentences, value);

/** The names of the `{name}` placeholders in a sentence's text, in order. */
export const placeholdersOf = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
