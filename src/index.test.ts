import { ConnectorType } from '@logto/connector-kit';
import { describe, expect, it, vi } from 'vitest';

import createConnector from './index.js';

describe('createConnector', () => {
  it('returns an SMS connector with metadata, config guard and sendMessage, without calling getConfig', async () => {
    const getConfig = vi.fn(() => Promise.reject(new Error('not implemented')));
    const connector = await createConnector({ getConfig });

    expect(connector.type).toBe(ConnectorType.Sms);
    expect(connector.metadata.id).toBe('aliyun-dysms');
    expect(typeof connector.sendMessage).toBe('function');
    expect(connector.configGuard.safeParse({}).success).toBe(false);
    expect(getConfig).not.toHaveBeenCalled();
  });
});
