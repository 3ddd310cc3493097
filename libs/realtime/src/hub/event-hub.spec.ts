import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { RedisClient } from '@switchboard/platform';
import { EventHub, type HubMessage } from './event-hub';

/** The part of a subscriber connection the hub uses, recording what it sends. */
class FakeSubscriber extends EventEmitter {
  readonly sent: string[] = [];
  ssubscribe = jest.fn(async (channel: string) => {
    this.sent.push(`SSUBSCRIBE ${channel}`);
    return 1;
  });
  sunsubscribe = jest.fn(async (channel: string) => {
    this.sent.push(`SUNSUBSCRIBE ${channel}`);
    return 0;
  });
  quit = jest.fn(async () => 'OK');

  publish(channel: string, payload: string): void {
    this.emit('smessage', channel, payload);
  }
}

/** A hub on a fake subscriber connection, and two listeners to follow its channels with. */
function hubOn() {
  const redis = new FakeSubscriber();
  return { hub: new EventHub(redis as unknown as RedisClient), redis, a: jest.fn(), b: jest.fn() };
}

const CONV = 'sb:ev:{conv:C1}';
const USER = 'sb:ev:{user:U1}';

describe('EventHub', () => {
  it('subscribes a channel once, however many listeners follow it', async () => {
    const { hub, redis, a, b } = hubOn();
    await hub.subscribe(CONV, a);
    await hub.subscribe(CONV, b);
    await hub.subscribe(CONV, a);
    await hub.subscribe(USER, a);
    expect(redis.sent).toEqual([`SSUBSCRIBE ${CONV}`, `SSUBSCRIBE ${USER}`]);
    expect(hub.channelCount).toBe(2);
  });

  it('counts each addition of a listener: the channel stays until every one is removed', async () => {
    const { hub, redis, a, b } = hubOn();
    await hub.subscribe(CONV, a);
    await hub.subscribe(CONV, a);
    await hub.subscribe(CONV, b);
    await hub.unsubscribe(CONV, a);
    await hub.unsubscribe(CONV, b);
    expect(redis.sunsubscribe).not.toHaveBeenCalled();
    redis.publish(CONV, '{"n":1}');
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).not.toHaveBeenCalled();
    await hub.unsubscribe(CONV, a);
    expect(redis.sent).toEqual([`SSUBSCRIBE ${CONV}`, `SUNSUBSCRIBE ${CONV}`]);
    expect(hub.channelCount).toBe(0);
  });

  it('unsubscribes on the last listener only, and ignores a listener it does not hold', async () => {
    const { hub, redis, a, b } = hubOn();
    await hub.subscribe(CONV, a);
    await hub.subscribe(CONV, b);
    await hub.unsubscribe(CONV, jest.fn());
    await hub.unsubscribe(USER, a);
    await hub.unsubscribe(CONV, a);
    expect(redis.sunsubscribe).not.toHaveBeenCalled();
    await hub.unsubscribe(CONV, b);
    await hub.unsubscribe(CONV, b);
    expect(redis.sunsubscribe).toHaveBeenCalledTimes(1);
    redis.publish(CONV, '{}');
    expect(a).not.toHaveBeenCalled();
    expect(b).not.toHaveBeenCalled();
    // Subscribing again after the last one left sends SSUBSCRIBE again.
    await hub.subscribe(CONV, a);
    expect(redis.ssubscribe).toHaveBeenCalledTimes(2);
  });

  it('parses each payload once and hands the same message to every listener of its channel', async () => {
    const { hub, redis } = hubOn();
    const seen: HubMessage[] = [];
    const other = jest.fn();
    await hub.subscribe(CONV, (message) => seen.push(message));
    await hub.subscribe(CONV, (message) => seen.push(message));
    await hub.subscribe(USER, other);
    const parse = jest.spyOn(JSON, 'parse');
    try {
      redis.publish(CONV, '{"type":"message.posted","eventId":"7"}');
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[0]).toEqual({
      channel: CONV,
      payload: '{"type":"message.posted","eventId":"7"}',
      parsed: { type: 'message.posted', eventId: '7' },
    });
    expect(other).not.toHaveBeenCalled();
  });

  it('hands an unparseable payload on raw, with nothing parsed', async () => {
    const { hub, redis } = hubOn();
    const listener = jest.fn();
    await hub.subscribe(CONV, listener);
    redis.publish(CONV, 'not json');
    redis.publish(CONV, '42');
    expect(listener.mock.calls.map(([message]) => message)).toEqual([
      { channel: CONV, payload: 'not json', parsed: undefined },
      { channel: CONV, payload: '42', parsed: 42 },
    ]);
  });

  it('does not parse a message no listener follows', async () => {
    const { redis } = hubOn();
    const parse = jest.spyOn(JSON, 'parse');
    try {
      redis.publish(CONV, '{}');
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('keeps handing out a message when one listener throws or unsubscribes meanwhile', async () => {
    const { hub, redis } = hubOn();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const later = jest.fn();
    const leaving = jest.fn(() => void hub.unsubscribe(CONV, leaving));
    await hub.subscribe(CONV, () => {
      throw new Error('boom');
    });
    await hub.subscribe(CONV, leaving);
    await hub.subscribe(CONV, later);
    redis.publish(CONV, '{}');
    redis.publish(CONV, '{}');
    expect(leaving).toHaveBeenCalledTimes(1);
    expect(later).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('makes a later listener wait until the channel is subscribed', async () => {
    const { hub, redis } = hubOn();
    let confirm: () => void = () => undefined;
    redis.ssubscribe.mockImplementationOnce(() => new Promise((resolve) => (confirm = () => resolve(1))));
    let firstReady = false;
    let secondReady = false;
    const first = hub.subscribe(CONV, jest.fn()).then(() => (firstReady = true));
    const second = hub.subscribe(CONV, jest.fn()).then(() => (secondReady = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect([firstReady, secondReady]).toEqual([false, false]);
    confirm();
    await Promise.all([first, second]);
    expect(redis.ssubscribe).toHaveBeenCalledTimes(1);
  });

  it('keeps its listeners over a reconnect, which resubscribes on the connection, not through the hub', async () => {
    const { hub, redis } = hubOn();
    const listener = jest.fn();
    await hub.subscribe(CONV, listener);
    redis.emit('close');
    redis.emit('reconnecting');
    redis.emit('ready');
    redis.publish(CONV, '{"after":"reconnect"}');
    expect(listener).toHaveBeenCalledWith({
      channel: CONV,
      payload: '{"after":"reconnect"}',
      parsed: { after: 'reconnect' },
    });
    expect(redis.ssubscribe).toHaveBeenCalledTimes(1);
    expect(hub.channelCount).toBe(1);
  });

  it('closes without unsubscribing channel by channel', async () => {
    const { hub, redis } = hubOn();
    const listener = jest.fn();
    await hub.subscribe(CONV, listener);
    await hub.close();
    await hub.unsubscribe(CONV, listener);
    expect(redis.sunsubscribe).not.toHaveBeenCalled();
    expect(redis.quit).toHaveBeenCalled();
    expect(hub.channelCount).toBe(0);
  });
});
