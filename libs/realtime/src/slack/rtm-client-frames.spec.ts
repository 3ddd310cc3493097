import { type ClientFrame, RtmErrorCode, parseClientFrame, pongFor } from './rtm-client-frames';

const NOT_JSON = { error: 'Frame is not valid JSON' };
const NOT_OBJECT = { error: 'Frame must be a JSON object' };
const BAD_ID = { error: 'Frame id must be an integer' };
const noType = (id?: number) => ({ error: 'Frame has no type', id });

describe('RTM client frames', () => {
  it('numbers its error codes 1 to 8 without gaps', () => {
    expect(Object.values(RtmErrorCode).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  describe('parseClientFrame', () => {
    it.each<[string, string, ClientFrame]>([
      [
        'a ping with an id',
        '{"id":1234,"type":"ping","time":1403299273342}',
        { id: 1234, type: 'ping', time: 1403299273342 },
      ],
      [
        'a message with an id',
        '{"id":1,"type":"message","channel":"C1","text":"Hello world"}',
        { id: 1, type: 'message', channel: 'C1', text: 'Hello world' },
      ],
      [
        'the Node client field order',
        '{"text":"hi","channel":"C1","type":"message","id":2}',
        { id: 2, type: 'message', channel: 'C1', text: 'hi' },
      ],
      ['a frame without an id', '{"type":"typing","channel":"C1"}', { type: 'typing', channel: 'C1' }],
      ['id 0', '{"id":0,"type":"ping"}', { id: 0, type: 'ping' }],
      ['a negative id', '{"id":-3,"type":"ping"}', { id: -3, type: 'ping' }],
      ['the largest safe id', '{"id":9007199254740991,"type":"ping"}', { id: Number.MAX_SAFE_INTEGER, type: 'ping' }],
      ['an integral float', '{"id":5.0,"type":"ping"}', { id: 5, type: 'ping' }],
      [
        'nested fields kept as they are',
        '{"type":"presence_sub","ids":["U1","W2"],"opts":{"a":1}}',
        { type: 'presence_sub', ids: ['U1', 'W2'], opts: { a: 1 } },
      ],
      ['an unknown type', '{"id":9,"type":"no_such_thing"}', { id: 9, type: 'no_such_thing' }],
      ['surrounding whitespace', '  \n{"type":"ping"}\t', { type: 'ping' }],
    ])('parses %s', (_label, raw, expected) => {
      expect(parseClientFrame(raw)).toEqual(expected);
    });

    it('leaves no id on a frame that had none', () => {
      const frame = parseClientFrame('{"type":"ping"}') as ClientFrame;
      expect(frame).not.toHaveProperty('error');
      expect(frame.id).toBeUndefined();
    });

    it.each<[string, string, { error: string; id?: number }]>([
      ['empty input', '', NOT_JSON],
      ['whitespace only', '   ', NOT_JSON],
      ['a truncated object', '{"type":"ping"', NOT_JSON],
      ['single quotes', "{'type':'ping'}", NOT_JSON],
      ['plain text', 'ping', NOT_JSON],
      ['a trailing comma', '{"type":"ping",}', NOT_JSON],
      ['two objects', '{"type":"ping"}{"type":"ping"}', NOT_JSON],
      ['an empty array', '[]', NOT_OBJECT],
      ['an array of frames', '[{"type":"ping","id":1}]', NOT_OBJECT],
      ['null', 'null', NOT_OBJECT],
      ['a JSON string', '"ping"', NOT_OBJECT],
      ['a JSON string holding an object', '"{\\"type\\":\\"ping\\"}"', NOT_OBJECT],
      ['a number', '42', NOT_OBJECT],
      ['a boolean', 'true', NOT_OBJECT],
      ['an empty object', '{}', noType()],
      ['an id and no type', '{"id":5}', noType(5)],
      ['an empty type', '{"id":6,"type":""}', noType(6)],
      ['a numeric type', '{"type":5}', noType()],
      ['a null type', '{"id":7,"type":null}', noType(7)],
      ['an array type', '{"type":["ping"]}', noType()],
      ['an object type', '{"id":8,"type":{"name":"ping"}}', noType(8)],
      ['a boolean type', '{"type":true}', noType()],
      ['a fractional id', '{"id":1.5,"type":"ping"}', BAD_ID],
      ['a string id', '{"id":"3","type":"ping"}', BAD_ID],
      ['an unsafe id', '{"id":9007199254740993,"type":"ping"}', BAD_ID],
      ['a huge id', '{"id":1e300,"type":"ping"}', BAD_ID],
      ['a null id', '{"id":null,"type":"ping"}', BAD_ID],
      ['a boolean id', '{"id":true,"type":"ping"}', BAD_ID],
      ['an array id', '{"id":[1],"type":"ping"}', BAD_ID],
      ['a bad id and no type', '{"id":"x"}', BAD_ID],
    ])('rejects %s', (_label, raw, expected) => {
      expect(parseClientFrame(raw)).toStrictEqual(expected);
    });
  });

  describe('pongFor', () => {
    it.each<[string, ClientFrame, Record<string, unknown>]>([
      [
        'the Slack example',
        { id: 1234, type: 'ping', time: 1403299273342 },
        { type: 'pong', reply_to: 1234, time: 1403299273342 },
      ],
      ['a bare ping', { id: 1, type: 'ping' }, { type: 'pong', reply_to: 1 }],
      ['a ping without an id', { type: 'ping', time: 5 }, { type: 'pong', time: 5 }],
      ['id 0', { id: 0, type: 'ping' }, { type: 'pong', reply_to: 0 }],
      ['a string', { id: 2, type: 'ping', note: 'hello' }, { type: 'pong', reply_to: 2, note: 'hello' }],
      ['an empty string', { id: 2, type: 'ping', note: '' }, { type: 'pong', reply_to: 2, note: '' }],
      [
        'zero and negative numbers',
        { id: 3, type: 'ping', a: 0, b: -1.5 },
        { type: 'pong', reply_to: 3, a: 0, b: -1.5 },
      ],
      ['null', { id: 4, type: 'ping', marker: null }, { type: 'pong', reply_to: 4, marker: null }],
      ['booleans', { id: 5, type: 'ping', yes: true, no: false }, { type: 'pong', reply_to: 5, yes: true, no: false }],
      ['an object dropped', { id: 6, type: 'ping', time: 1, meta: { a: 1 } }, { type: 'pong', reply_to: 6, time: 1 }],
      ['an array dropped', { id: 7, type: 'ping', ids: ['U1'], time: 2 }, { type: 'pong', reply_to: 7, time: 2 }],
      ['an empty object and array dropped', { id: 8, type: 'ping', o: {}, a: [] }, { type: 'pong', reply_to: 8 }],
      ['undefined dropped', { id: 9, type: 'ping', gone: undefined }, { type: 'pong', reply_to: 9 }],
    ])('answers %s', (_label, frame, expected) => {
      expect(pongFor(frame)).toStrictEqual(expected);
    });

    it('has no reply_to when the ping had no id', () => {
      expect(pongFor({ type: 'ping' })).not.toHaveProperty('reply_to');
      expect(pongFor({ id: undefined, type: 'ping' })).toStrictEqual({ type: 'pong' });
    });

    it('never echoes the ping type or id as fields of their own', () => {
      const pong = pongFor({ id: 10, type: 'ping', time: 3 });
      expect(pong.type).toBe('pong');
      expect(pong).not.toHaveProperty('id');
    });

    it('answers frames produced by parseClientFrame', () => {
      const frame = parseClientFrame(
        '{"id":11,"type":"ping","time":1403299273342,"extra":{"x":1},"flag":true}',
      ) as ClientFrame;
      expect(frame).not.toHaveProperty('error');
      expect(pongFor(frame)).toStrictEqual({ type: 'pong', reply_to: 11, time: 1403299273342, flag: true });
    });

    // A ping's own reply_to field never replaces the ping id (clients match pongs by reply_to).
    it.each<[string, ClientFrame, Record<string, unknown>]>([
      ['with an id', { id: 12, type: 'ping', reply_to: 99 }, { type: 'pong', reply_to: 12 }],
      ['without an id', { type: 'ping', reply_to: 99 }, { type: 'pong' }],
    ])('replies to the ping id only, even if the ping carries a reply_to field (%s)', (_label, frame, expected) => {
      expect(pongFor(frame)).toStrictEqual(expected);
    });
  });
});
