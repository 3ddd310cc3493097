import { DomainError } from '../errors/domain-error';
import { zulipEditableFlag, zulipFlagOp, zulipViewerFlags } from './zulip-flags';

const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
};

describe('zulipEditableFlag', () => {
  it.each(['read', 'starred'])('accepts %s', (flag) => expect(zulipEditableFlag(flag)).toBe(flag));

  it.each([
    'mentioned',
    'wildcard_mentioned',
    'stream_wildcard_mentioned',
    'topic_wildcard_mentioned',
    'has_alert_word',
    'historical',
  ])('refuses %s as not editable', (flag) => {
    expect(message(() => zulipEditableFlag(flag))).toBe(`bad_request: Flag not editable: '${flag}'`);
  });

  it('refuses unknown flags, quoting at most 40 characters', () => {
    expect(message(() => zulipEditableFlag('shiny'))).toBe("bad_request: Invalid flag: 'shiny'");
    expect(message(() => zulipEditableFlag('x'.repeat(100)))).toBe(`bad_request: Invalid flag: '${'x'.repeat(40)}'`);
    expect(message(() => zulipEditableFlag('is_private'))).toBe("bad_request: Invalid flag: 'is_private'");
  });

  it('says collapsed is not supported', () => {
    expect(message(() => zulipEditableFlag('collapsed'))).toMatch(/^bad_request: Flag not supported: 'collapsed'/);
  });
});

describe('zulipFlagOp', () => {
  it('accepts add and remove', () => {
    expect(zulipFlagOp('add')).toBe('add');
    expect(zulipFlagOp('remove')).toBe('remove');
  });
  it('refuses anything else', () =>
    expect(message(() => zulipFlagOp('toggle'))).toBe("bad_request: Invalid message flag operation: 'toggle'"));
});

describe('zulipViewerFlags', () => {
  it('names the set flags in a fixed order', () => {
    expect(zulipViewerFlags({ read: true, starred: true, mentioned: true, historical: false })).toEqual([
      'read',
      'starred',
      'mentioned',
    ]);
    expect(zulipViewerFlags({ read: true, starred: false, mentioned: false, historical: true })).toEqual([
      'read',
      'historical',
    ]);
    expect(zulipViewerFlags({ read: false, starred: false, mentioned: false, historical: false })).toEqual([]);
  });
});
