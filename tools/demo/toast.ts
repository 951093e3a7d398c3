// What the console shows when the Send button fails: Logto answers with its own phrase per
// ConnectorError code, and only `general` carries the connector's text into it.

/** The parts of a thrown ConnectorError the console's answer is made of. */
export interface ConsoleAnswer {
  /** The ConnectorError's code, as Logto reads it. */
  readonly code: string | undefined;
  /** The precise code the connector kept in data when it answered `general`. */
  readonly connectorCode: string | undefined;
  readonly errorDescription: string | undefined;
  /** The toast text, when Logto interpolates the connector's description (code `general`). */
  readonly toast: string | undefined;
}

const textOf = (value: unknown, key: string): string | undefined => {
  const field: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  return typeof field === 'string' ? field : undefined;
};

/** Logto's phrase for `connector.general`, the one code whose toast carries data.errorDescription. */
export const toastOfGeneral = (errorDescription: string): string => `Error occurred in connector: ${errorDescription}`;

/** Reads a thrown error as Logto's error handler does: its code and data (the host's ConnectorError is another copy of the class). */
export function consoleAnswerOf(error: unknown): ConsoleAnswer {
  const code = textOf(error, 'code');
  const data: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'data') : undefined;
  const errorDescription = textOf(data, 'errorDescription');
  return {
    code,
    connectorCode: textOf(data, 'connectorCode'),
    errorDescription,
    toast: code === 'general' && errorDescription !== undefined ? toastOfGeneral(errorDescription) : undefined,
  };
}
