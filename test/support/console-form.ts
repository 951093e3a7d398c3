// What Logto 1.42's admin console does with a connector's `formItems`, step by step, so a test
// can drive the form the way an administrator does and hand the connector exactly what the
// console would send (facts: ../shared/docs/logto-host.md, "The console form, exactly").
//
// Modelled: the create flow (values from defaults, Json items stringified), the edit flow
// (values from the stored config, a missing Json key as {}, a missing MultiSelect as []),
// what react-hook-form holds once an item is rendered (a native input with no value reads its
// empty DOM value: '' for text, NaN for a number input), which items are shown (every
// showCondition with ===, on the current values, no default), the checks that block Send and
// Save (required, "Invalid JSON format"), parseFormConfig, the JSON request body, and Save's
// merge over the stored config. An item type this module does not model throws: model what
// the console does with it before a connector uses it.
import { ConnectorConfigFormItemType, type ConnectorConfigFormItem } from '@logto/connector-kit';

/** The form's values by item key, as react-hook-form holds them. */
export type FormValues = Readonly<Record<string, unknown>>;

/** An open connector form: its items, current values, and the stored config in the edit flow. */
export type ConsoleForm = {
  readonly items: readonly ConnectorConfigFormItem[];
  readonly values: FormValues;
  /** The stored config; undefined for a new connector. */
  readonly stored: Readonly<Record<string, unknown>> | undefined;
};

/** A message the console shows under an item, which keeps Send and Save from doing anything. */
export type FormError = { readonly key: string; readonly message: string };

/** What pressing Send or Save does: the config posted, or the errors that stopped it. */
export type Submission =
  | { readonly submitted: true; readonly config: Record<string, unknown> }
  | { readonly submitted: false; readonly errors: readonly FormError[] };

/** The item types this module models, each the way the console renders it. */
type Rendering = 'native-text' | 'native-number' | 'controlled';

const renderingOf = (item: ConnectorConfigFormItem): Rendering => {
  // Read apart, so the default branch still knows the item's key.
  const { key } = item;
  const { type } = item;
  switch (type) {
    case ConnectorConfigFormItemType.Text:
    case ConnectorConfigFormItemType.MultilineText: {
      return 'native-text';
    }
    case ConnectorConfigFormItemType.Number: {
      return 'native-number';
    }
    case ConnectorConfigFormItemType.Switch:
    case ConnectorConfigFormItemType.Select:
    case ConnectorConfigFormItemType.MultiSelect:
    case ConnectorConfigFormItemType.Json: {
      return 'controlled';
    }
    default: {
      const unmodelled: never = type;
      throw new Error(`console-form does not model the form item type ${String(unmodelled)} (item ${key}): model what Logto's console does with it first`);
    }
  }
};

/** Throws for an item whose type this module does not model. */
export const assertModelled = (items: readonly ConnectorConfigFormItem[]): void => {
  for (const item of items) {
    renderingOf(item);
  }
};

// react-hook-form's valueAsNumber: '' is NaN, a falsy value stays, anything else goes through unary plus.
const asNumberInput = (value: unknown): unknown => {
  if (value === '') {
    return Number.NaN;
  }
  return value ? Number(value) : value;
};

/** What react-hook-form holds for a shown item: a native input without a value reads its empty DOM value. */
const heldValue = (item: ConnectorConfigFormItem, value: unknown): unknown => {
  const rendering = renderingOf(item);
  if (rendering === 'controlled') {
    return value;
  }
  if (value === undefined || value === null) {
    return rendering === 'native-number' ? Number.NaN : '';
  }
  return rendering === 'native-number' ? asNumberInput(value) : value;
};

/** Whether the console shows an item for these values: every showCondition holds with ===. */
export const isShown = (item: ConnectorConfigFormItem, values: FormValues): boolean =>
  (item.showConditions ?? []).every(({ targetKey, expectValue }) => values[targetKey] === expectValue);

// Rendering an item can change a value another item's condition reads: settle the form.
const settle = (items: readonly ConnectorConfigFormItem[], initial: FormValues): FormValues => {
  let values = initial;
  for (let round = 0; round <= items.length; round += 1) {
    const next: Record<string, unknown> = { ...values };
    for (const item of items.filter((candidate) => isShown(candidate, values))) {
      next[item.key] = heldValue(item, values[item.key]);
    }
    const changed = items.some(({ key }) => !Object.is(next[key], values[key]));
    values = next;
    if (!changed) {
      return values;
    }
  }
  throw new Error('console-form: the showConditions never settle');
};

const stringifiedIfJson = (item: ConnectorConfigFormItem, value: unknown): unknown =>
  item.type === ConnectorConfigFormItemType.Json ? JSON.stringify(value, null, 2) : value;

/** The form of a new connector: every item at its defaultValue (a Json one stringified). */
export const openNewConnector = (items: readonly ConnectorConfigFormItem[]): ConsoleForm => {
  assertModelled(items);
  const values = Object.fromEntries(items.map((item) => [item.key, stringifiedIfJson(item, item.defaultValue)]));
  return { items, values: settle(items, values), stored: undefined };
};

const valueForMissingKey = (item: ConnectorConfigFormItem): unknown =>
  item.type === ConnectorConfigFormItemType.Json ? {} : item.type === ConnectorConfigFormItemType.MultiSelect ? [] : undefined;

/** The form of a stored connector: its config's values, never the defaults. */
export const openStoredConnector = (items: readonly ConnectorConfigFormItem[], stored: Readonly<Record<string, unknown>>): ConsoleForm => {
  assertModelled(items);
  const values = Object.fromEntries(
    items.map((item) => [item.key, stringifiedIfJson(item, stored[item.key] ?? valueForMissingKey(item))])
  );
  return { items, values: settle(items, values), stored };
};

const itemOf = (form: ConsoleForm, key: string): ConnectorConfigFormItem => {
  const item = form.items.find((candidate) => candidate.key === key);
  if (item === undefined) {
    throw new Error(`console-form: no form item ${key}`);
  }
  if (!isShown(item, form.values)) {
    throw new Error(`console-form: the console does not show ${key}, so the admin cannot change it`);
  }
  return item;
};

/** The admin types text into a Text, MultilineText, Number or Json item (replacing what was there). */
export const typeInto = (form: ConsoleForm, key: string, text: string): ConsoleForm => {
  const item = itemOf(form, key);
  const rendering = renderingOf(item);
  if (rendering === 'controlled' && item.type !== ConnectorConfigFormItemType.Json) {
    throw new Error(`console-form: ${key} is a ${item.type} item; use choose()`);
  }
  const value = rendering === 'native-number' ? asNumberInput(text) : text;
  return { ...form, values: settle(form.items, { ...form.values, [key]: value }) };
};

/** The admin picks a value in a Select, MultiSelect or Switch item. */
export const choose = (form: ConsoleForm, key: string, value: string | readonly string[] | boolean): ConsoleForm => {
  const item = itemOf(form, key);
  if (renderingOf(item) !== 'controlled' || item.type === ConnectorConfigFormItemType.Json) {
    throw new Error(`console-form: ${key} is a ${item.type} item; use typeInto()`);
  }
  return { ...form, values: settle(form.items, { ...form.values, [key]: value }) };
};

// What an input element shows for a value assigned to it: String(value), as the DOM converts it.
const domString = (value: unknown): string => {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return Array.isArray(value) ? value.map((element: unknown) => domString(element)).join(',') : '[object Object]';
};

/** The text an item's input displays (a native input shows String(value), the code editor {} for a non-string). */
export const displayedText = (form: ConsoleForm, key: string): string => {
  const item = itemOf(form, key);
  const value = form.values[key];
  if (item.type === ConnectorConfigFormItemType.Json) {
    return typeof value === 'string' ? value : '{}';
  }
  return Number.isNaN(value) ? '' : domString(value);
};

/** The keys of the items the console shows now. */
export const shownKeys = (form: ConsoleForm): string[] =>
  form.items.filter((item) => isShown(item, form.values)).map(({ key }) => key);

const isValidJsonText = (value: unknown): boolean => {
  if (typeof value !== 'string') {
    return false;
  }
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
};

// react-hook-form's `required`: empty text, an empty number input, no value, an empty list;
// false too, which is why the console never marks a Switch required.
const isEmptyForRequired = (item: ConnectorConfigFormItem, value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (item.type === ConnectorConfigFormItemType.Number && Number.isNaN(value)) ||
  (item.type !== ConnectorConfigFormItemType.Switch && value === false);

/** The messages under the shown items that keep Send and Save from doing anything; hidden items are not validated. */
export const formErrors = (form: ConsoleForm): FormError[] =>
  form.items
    .filter((item) => isShown(item, form.values))
    .flatMap((item): FormError[] => {
      const value = form.values[item.key];
      if (item.required === true && item.type !== ConnectorConfigFormItemType.Switch && isEmptyForRequired(item, value)) {
        return [{ key: item.key, message: 'Required' }];
      }
      if (item.type === ConnectorConfigFormItemType.Json && !isValidJsonText(value)) {
        return [{ key: item.key, message: 'Invalid JSON format' }];
      }
      return [];
    });

const parsedJsonOrEmpty = (value: unknown): unknown => {
  if (!isValidJsonText(value) || typeof value !== 'string') {
    return {};
  }
  const parsed: unknown = JSON.parse(value);
  return parsed;
};

/** The console's parseFormConfig: '' dropped, Number items converted (NaN dropped), Json parsed ({} if it cannot be), unknown keys dropped. */
export const parseFormConfig = (values: FormValues, items: readonly ConnectorConfigFormItem[]): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(values).flatMap(([key, value]): Array<[string, unknown]> => {
      const item = items.find((candidate) => candidate.key === key);
      if (value === '' || item === undefined) {
        return [];
      }
      if (item.type === ConnectorConfigFormItemType.Number) {
        // The console tests the held value, not the converted one: undefined becomes NaN here.
        return Number.isNaN(value) ? [] : [[key, Number(value)]];
      }
      if (item.type === ConnectorConfigFormItemType.Json) {
        return [[key, parsedJsonOrEmpty(value)]];
      }
      return [[key, value]];
    })
  );

// The console posts JSON: undefined keys vanish, NaN becomes null.
const overTheWire = (value: Record<string, unknown>): Record<string, unknown> => {
  const parsed: unknown = JSON.parse(JSON.stringify(value));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError('console-form: a config must be a JSON object');
  }
  return Object.fromEntries(Object.entries(parsed));
};

/** Send: the config the console posts to the test endpoint, or the errors that keep it from posting. */
export const pressSend = (form: ConsoleForm): Submission => {
  const errors = formErrors(form);
  return errors.length > 0 ? { submitted: false, errors } : { submitted: true, config: overTheWire(parseFormConfig(form.values, form.items)) };
};

/** Save: the config the console posts, merged over the stored one in the edit flow. */
export const pressSave = (form: ConsoleForm): Submission => {
  const errors = formErrors(form);
  if (errors.length > 0) {
    return { submitted: false, errors };
  }
  return { submitted: true, config: overTheWire({ ...form.stored, ...parseFormConfig(form.values, form.items) }) };
};
