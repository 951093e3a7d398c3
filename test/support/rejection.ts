import { ConnectorError } from '@logto/connector-kit';

const asConnectorError = (error: unknown): ConnectorError => {
  if (error instanceof ConnectorError) {
    return error;
  }
  throw new Error(`expected a ConnectorError, got: ${String(error)}`);
};

/** The ConnectorError a promise rejects with; fails on success or on any other error. */
export const rejectionOf = async (promise: Promise<unknown>): Promise<ConnectorError> => {
  try {
    await promise;
  } catch (error: unknown) {
    return asConnectorError(error);
  }
  throw new Error('expected a ConnectorError, but the promise resolved');
};

/** The ConnectorError a function throws; fails when it returns or throws anything else. */
export const thrownBy = (run: () => unknown): ConnectorError => {
  try {
    run();
  } catch (error: unknown) {
    return asConnectorError(error);
  }
  throw new Error('expected a ConnectorError, but nothing was thrown');
};
