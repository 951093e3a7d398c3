// The console-form model against the facts it reproduces (../shared/docs/logto-host.md, "The
// console form, exactly"), on made-up items: the connector's own items are checked in
// test/console-form.test.ts.
import { ConnectorConfigFormItemType, type ConnectorConfigFormItem } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import {
  choose,
  displayedText,
  formErrors,
  isShown,
  openNewConnector,
  openStoredConnector,
  parseFormConfig,
  pressSave,
  pressSend,
  shownKeys,
  typeInto,
} from './console-form.js';

const text = (key: string, extra: Partial<Pick<ConnectorConfigFormItem, 'required' | 'showConditions'>> = {}): ConnectorConfigFormItem => ({
  key,
  label: key,
  type: ConnectorConfigFormItemType.Text,
  ...extra,
});
const json: ConnectorConfigFormItem = { key: 'list', label: 'List', type: ConnectorConfigFormItemType.Json };
const number: ConnectorConfigFormItem = { key: 'count', label: 'Count', type: ConnectorConfigFormItemType.Number };
const multi: ConnectorConfigFormItem = {
  key: 'tags',
  label: 'Tags',
  type: ConnectorConfigFormItemType.MultiSelect,
  selectItems: [{ value: 'a' }, { value: 'b' }],
};
const select: ConnectorConfigFormItem = {
  key: 'mode',
  label: 'Mode',
  type: ConnectorConfigFormItemType.Select,
  defaultValue: 'on',
  selectItems: [
    { value: 'on', title: 'On' },
    { value: 'off', title: 'Off' },
  ],
};
const whenOn = text('secret', { showConditions: [{ targetKey: 'mode', expectValue: 'on' }] });

describe('the create flow', () => {
  it('shows a Json item without a default as {} but refuses to submit it: "Invalid JSON format"', () => {
    const form = openNewConnector([json]);
    expect(displayedText(form, 'list')).toBe('{}');
    expect(pressSend(form)).toEqual({ submitted: false, errors: [{ key: 'list', message: 'Invalid JSON format' }] });
    expect(pressSave(form).submitted).toBe(false);
  });

  it('refuses an emptied Json item the same way', () => {
    const form = typeInto(openNewConnector([{ ...json, defaultValue: [] }]), 'list', '');
    expect(formErrors(form)).toEqual([{ key: 'list', message: 'Invalid JSON format' }]);
  });

  it('stringifies a Json default with two-space indentation and posts it parsed', () => {
    const form = openNewConnector([{ ...json, defaultValue: ['a'] }]);
    expect(displayedText(form, 'list')).toBe('[\n  "a"\n]');
    expect(pressSend(form)).toEqual({ submitted: true, config: { list: ['a'] } });
  });

  it('drops an empty text and an empty number input, and converts a typed number', () => {
    const form = openNewConnector([text('name'), number]);
    expect(pressSend(form)).toEqual({ submitted: true, config: {} });
    expect(pressSend(typeInto(form, 'count', '42'))).toEqual({ submitted: true, config: { count: 42 } });
  });

  it('blocks a required item left empty, but not a hidden one', () => {
    const required = text('name', { required: true });
    expect(formErrors(openNewConnector([required]))).toEqual([{ key: 'name', message: 'Required' }]);
    const hidden = { ...required, showConditions: [{ targetKey: 'mode', expectValue: 'off' }] };
    expect(formErrors(openNewConnector([select, hidden]))).toEqual([]);
  });
});

describe('the edit flow', () => {
  it('fills a missing Json key with {}, a missing MultiSelect with [], anything else with nothing', () => {
    const form = openStoredConnector([json, multi, text('name')], {});
    expect(displayedText(form, 'list')).toBe('{}');
    expect(pressSend(form)).toEqual({ submitted: true, config: { list: {}, tags: [] } });
  });

  it('uses the stored values, never the defaults', () => {
    const form = openStoredConnector([{ ...json, defaultValue: ['default'] }, { ...select, defaultValue: 'off' }], { list: ['stored'] });
    expect(pressSend(form)).toEqual({ submitted: true, config: { list: ['stored'] } });
  });

  it('shows a stored list in a text input as the DOM does, and posts the list itself while untouched', () => {
    const form = openStoredConnector([text('codes')], { codes: ['CN', 'HK'] });
    expect(displayedText(form, 'codes')).toBe('CN,HK');
    expect(pressSend(form)).toEqual({ submitted: true, config: { codes: ['CN', 'HK'] } });
    expect(pressSend(typeInto(form, 'codes', 'CN,HK SG'))).toEqual({ submitted: true, config: { codes: 'CN,HK SG' } });
  });

  it('merges Save over the stored config, while Send posts only the form', () => {
    const form = openStoredConnector([text('name')], { name: 'a', other: 1 });
    expect(pressSave(form)).toEqual({ submitted: true, config: { name: 'a', other: 1 } });
    expect(pressSend(form)).toEqual({ submitted: true, config: { name: 'a' } });
  });

  it('hides an item whose condition key the stored config lacks: === with no default', () => {
    const form = openStoredConnector([select, whenOn], { secret: 'kept' });
    expect(shownKeys(form)).toEqual(['mode']);
    expect(() => typeInto(form, 'secret', 'new')).toThrow(/does not show secret/);
    expect(shownKeys(choose(form, 'mode', 'on'))).toEqual(['mode', 'secret']);
  });
});

describe('parseFormConfig', () => {
  it('drops empty strings, NaN numbers and unknown keys, and reads unparsable JSON as {}', () => {
    expect(
      parseFormConfig({ name: '', count: Number.NaN, list: '[1', stray: 'x', tags: [] }, [text('name'), number, json, multi])
    ).toEqual({ list: {}, tags: [] });
  });

  it('converts a number held as text, and sends a number never held as NaN (null on the wire)', () => {
    expect(parseFormConfig({ count: '7' }, [number])).toEqual({ count: 7 });
    expect(parseFormConfig({ count: undefined }, [number])).toEqual({ count: Number.NaN });
  });
});

describe('isShown', () => {
  it('needs every condition to hold', () => {
    const both = text('x', {
      showConditions: [
        { targetKey: 'a', expectValue: 1 },
        { targetKey: 'b', expectValue: 2 },
      ],
    });
    expect(isShown(both, { a: 1, b: 2 })).toBe(true);
    expect(isShown(both, { a: 1 })).toBe(false);
    expect(isShown(text('y'), {})).toBe(true);
  });
});
