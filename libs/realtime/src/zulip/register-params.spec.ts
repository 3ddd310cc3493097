import { DomainError } from '@switchboard/contracts';
import { parseRegisterParams } from './register-params';

const lifespan = { default: 600, max: 604800 };
const parse = (input: Record<string, unknown>) => parseRegisterParams(input, lifespan);

describe('parseRegisterParams', () => {
  it.each<[string, Record<string, unknown>, Partial<ReturnType<typeof parse>>]>([
    [
      'nothing: all events, defaults',
      {},
      {
        eventTypes: null,
        fetchEventTypes: null,
        narrow: [],
        allPublicStreams: false,
        applyMarkdown: false,
        lifespanSecs: 600,
        ignored: [],
      },
    ],
    ['form "null" event types (zulip-js)', { event_types: 'null' }, { eventTypes: null }],
    [
      'form JSON list',
      { event_types: '["message","subscription"]' },
      { eventTypes: ['message', 'subscription'], fetchEventTypes: ['message', 'subscription'] },
    ],
    ['JSON body list', { event_types: ['message'] }, { eventTypes: ['message'] }],
    [
      'fetch_event_types apart',
      { event_types: '["message"]', fetch_event_types: '["realm_user"]' },
      { eventTypes: ['message'], fetchEventTypes: ['realm_user'] },
    ],
    [
      'form booleans',
      { all_public_streams: 'true', apply_markdown: 'false' },
      { allPublicStreams: true, applyMarkdown: false },
    ],
    ['JSON booleans', { all_public_streams: true }, { allPublicStreams: true }],
    ['lifespan 0 means default', { queue_lifespan_secs: '0' }, { lifespanSecs: 600 }],
    ['lifespan kept', { queue_lifespan_secs: '120' }, { lifespanSecs: 120 }],
    ['lifespan capped', { queue_lifespan_secs: '99999999' }, { lifespanSecs: 604800 }],
    [
      'narrow pairs',
      { narrow: '[["stream","Denmark"]]' },
      { narrow: [{ operator: 'channel', operand: 'Denmark', negated: false }] },
    ],
    [
      'narrow objects with negation',
      { narrow: [{ operator: 'is', operand: 'private', negated: true }] },
      { narrow: [{ operator: 'is', operand: 'dm', negated: true }] },
    ],
    ['client capabilities object', { client_capabilities: '{"notification_settings_null":true}' }, {}],
    ['unknown parameters are reported', { foo: '1', bar: 'x', slim_presence: 'true' }, { ignored: ['foo', 'bar'] }],
  ])('%s', (_label, input, expected) => {
    expect(parse(input)).toMatchObject(expected);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['event_types not JSON', { event_types: '[message' }, 'validation_failed'],
    ['event_types not strings', { event_types: '[1,2]' }, 'validation_failed'],
    ['boolean not boolean', { all_public_streams: '"yes"' }, 'validation_failed'],
    ['lifespan not an integer', { queue_lifespan_secs: '1.5' }, 'validation_failed'],
    [
      'client_capabilities as zulip-js stringifies objects',
      { client_capabilities: '[object Object]' },
      'validation_failed',
    ],
    ['client_capabilities a list', { client_capabilities: '[]' }, 'validation_failed'],
    ['unknown narrow operator', { narrow: '[["bogus","x"]]' }, 'bad_narrow'],
    ['narrow not a list', { narrow: '{"a":1}' }, 'bad_narrow'],
    ['narrow bad is operand', { narrow: '[["is","followed"]]' }, 'bad_narrow'],
  ])('rejects %s', (_label, input, code) => {
    let thrown: unknown;
    try {
      parse(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe(code);
  });
});
