import { ConnectorType, type CreateConnector, type SmsConnector } from '@logto/connector-kit';

import { aliyunSmsConfigGuard } from './config/schema.js';
import { metadata } from './metadata.js';
import { createSendMessage } from './send-message.js';

// Logto calls this at load with a getConfig that throws, and again on every connector
// listing: it must stay cheap, side-effect free and never call getConfig itself.
const createConnector: CreateConnector<SmsConnector> = ({ getConfig }) =>
  Promise.resolve({
    metadata,
    type: ConnectorType.Sms,
    configGuard: aliyunSmsConfigGuard,
    sendMessage: createSendMessage(getConfig),
  });

export default createConnector;
export { aliyunSmsConfigGuard, type AliyunSmsConfig, type AliyunSmsConfigInput } from './config/schema.js';
