import {
  disconnectFrame,
  entryOfEnvelope,
  envelopeId,
  eventsApiEnvelope,
  helloFrame,
  parseAck,
} from './socket-mode-frames';

describe('socket mode frames', () => {
  it('wraps a payload as an events_api envelope without re-serialising it', () => {
    const frame = JSON.parse(eventsApiEnvelope('42-1', '{"type":"event_callback","event_id":"Ev1"}', 2)) as Record<
      string,
      unknown
    >;
    expect(frame).toEqual({
      envelope_id: 'sb-42-1-2',
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 2,
      retry_reason: 'timeout',
      payload: { type: 'event_callback', event_id: 'Ev1' },
    });
    expect(JSON.parse(eventsApiEnvelope('42-1', '{}', 0))).toMatchObject({ retry_attempt: 0, retry_reason: '' });
  });

  it.each([
    [envelopeId('123-0', 0), '123-0'],
    [envelopeId('123-11', 4), '123-11'],
    ['sb-123-0', null],
    ['123-0-0', null],
    ['sb-x-0-0', null],
    [42, null],
    [undefined, null],
  ])('envelope id %p names entry %p', (id, entry) => {
    expect(entryOfEnvelope(id)).toBe(entry);
  });

  it.each([
    ['{"envelope_id":"sb-9-0-1","payload":{}}', { entryId: '9-0' }],
    ['{"envelope_id":"sb-9-0-1"}', { entryId: '9-0' }],
    ['{"envelope_id":"other"}', null],
    ['not json', null],
    ['null', null],
    ['[1]', null],
  ])('ack %s', (raw, expected) => {
    expect(parseAck(raw)).toEqual(expected);
  });

  it('says hello with the connection count, app id and debug info', () => {
    expect(JSON.parse(helloFrame('A1', 3, 'host-a', Date.now()))).toEqual({
      type: 'hello',
      num_connections: 3,
      debug_info: { host: 'host-a', build_number: 1, approximate_connection_time: 0 },
      connection_info: { app_id: 'A1' },
    });
    expect(JSON.parse(disconnectFrame('refresh_requested', 'host-a'))).toEqual({
      type: 'disconnect',
      reason: 'refresh_requested',
      debug_info: { host: 'host-a' },
    });
  });
});
