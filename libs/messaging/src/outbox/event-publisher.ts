import { Cluster } from 'ioredis';
import {
  type AnyDomainEvent,
  type EventTarget,
  eventChannel,
  eventDedupeKey,
  eventLogKey,
} from '@switchboard/contracts';
import { EventLog, type RedisClient } from '@switchboard/platform';
import type { OutboxBatchInfo, OutboxConsumer, OutboxLeadership } from './outbox-consumer';

/**
 * Publishes one event to each of its audience's sharded pub/sub channels, at most once per channel:
 * the script remembers the last outbox position published on that channel (a key in the channel's
 * own cluster slot) and skips anything not newer. A relay that crashes after publishing but before
 * marking the row therefore republishes nothing on restart.
 */
const PUBLISH_ONCE = `
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[2]) <= last then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[4])
redis.call('SPUBLISH', ARGV[1], ARGV[3])
return 1`;

const DEDUPE_TTL_SECONDS = 24 * 3600;

export function eventTargets(event: AnyDomainEvent): EventTarget[] {
  const targets: EventTarget[] = [];
  const { audience } = event;
  if (audience.organisation) targets.push({ kind: 'org', id: event.organisationId });
  if (audience.conversationId) targets.push({ kind: 'conv', id: audience.conversationId });
  for (const userId of new Set(audience.userIds ?? [])) targets.push({ kind: 'user', id: userId });
  return targets;
}

type PublishingRedis = RedisClient & {
  publishOnce(key: string, channel: string, position: string, payload: string, ttl: number): Promise<number>;
};

/** The outbox consumer that puts every event in its organisation's log and on its audience's channels. */
export class EventPublisher implements OutboxConsumer {
  readonly name = 'redis-publisher';
  private epoch = '0';
  private readonly log: EventLog;

  constructor(
    private readonly redis: RedisClient,
    logMaxLength?: number,
  ) {
    redis.defineCommand('publishOnce', { numberOfKeys: 1, lua: PUBLISH_ONCE });
    this.log = new EventLog(redis, logMaxLength);
  }

  private highWaterKey = 'sb:relay:{default}:high-water';

  async onLeadership(leadership: OutboxLeadership): Promise<void> {
    await this.startEpoch(leadership.database, leadership.newestPosition, () => leadership.organisationIds());
  }

  /**
   * The whole batch in one pipeline (the client pipelines what is sent in one tick): each event is
   * appended to the log before it is published, which one connection keeps in order. A cluster
   * spreads the log and the channels over nodes, so there the appends are awaited first.
   */
  async consume(events: readonly AnyDomainEvent[], batch: OutboxBatchInfo): Promise<void> {
    const payloads = events.map((event) => JSON.stringify(event));
    const appends = events.map((event, index) => this.log.append(event, payloads[index]));
    if (this.redis instanceof Cluster) await Promise.all(appends);
    const publishes = events.flatMap((event, index) =>
      this.publishTargets(batch.positions[index], event, payloads[index]),
    );
    await Promise.all([...appends, ...publishes, this.recordHighWater(batch.positions[batch.positions.length - 1])]);
  }

  /**
   * Called when a relay takes the lead, with its database's identity and newest outbox position. If
   * Redis remembers a higher position for that database, the outbox sequence restarted (a restored
   * database): old high-water marks would suppress new events, so a new epoch starts with fresh
   * dedupe keys, and the organisations' event logs, whose event ids restart too, are cleared.
   */
  async startEpoch(
    database: string,
    newestPosition: string,
    organisationIds: () => Promise<string[]>,
  ): Promise<string> {
    const epochKey = `sb:relay:{${database}}:epoch`;
    this.highWaterKey = `sb:relay:{${database}}:high-water`;
    const highWater = await this.redis.get(this.highWaterKey);
    if (highWater !== null && BigInt(highWater) > BigInt(newestPosition)) {
      this.epoch = String(await this.redis.incr(epochKey));
      for (const organisationId of await organisationIds()) await this.redis.del(eventLogKey(organisationId));
    } else {
      this.epoch = (await this.redis.get(epochKey)) ?? '0';
    }
    return this.epoch;
  }

  async recordHighWater(position: string): Promise<void> {
    await this.redis.set(this.highWaterKey, position);
  }

  /** `position` is the outbox row id: increasing per channel because each channel belongs to one organisation. */
  async publish(position: string, event: AnyDomainEvent): Promise<number> {
    const json = JSON.stringify(event);
    // Logged first: whoever is woken by the publication can already replay it from the log.
    await this.log.append(event, json);
    const results = await Promise.all(this.publishTargets(position, event, json));
    return results.reduce((sum, published) => sum + published, 0);
  }

  private publishTargets(position: string, event: AnyDomainEvent, json: string): Promise<number>[] {
    const redis = this.redis as PublishingRedis;
    return eventTargets(event).map((target) =>
      redis.publishOnce(
        `${eventDedupeKey(target)}:e${this.epoch}`,
        eventChannel(target),
        position,
        json,
        DEDUPE_TTL_SECONDS,
      ),
    );
  }
}
