import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  type AnyDomainEvent,
  DomainError,
  ErrorCode,
  type Principal,
  eventChannel,
  isTransientEvent,
  transientWakeChannel,
  zulipPresences,
  InternalRoutes,
} from '@switchboard/contracts';
import { EventLog, InternalClient, PresenceStore } from '@switchboard/platform';
import { RealtimeConfig } from '../realtime.config';
import { initialState } from './initial-state';
import { ParticipantDirectory } from './participant-directory';
import { type FollowSet, type QueuePosition, type QueueSpec, type ZulipEvent, cloneFollow } from './queue-spec';
import { QueueStore, queuePollChannel } from './queue.store';
import { QueueWaker } from './queue-waker';
import { HeartbeatWheel } from './heartbeat-wheel';
import { SharedQueueState } from './shared-queue-state';
import type { PollEnd, PollHost, ZulipPoll } from './zulip-poll';
import type { HubMessage } from '../hub/event-hub';
import { type TransientBatch, TransientFeed } from './transient-feed';
import { parseRegisterParams } from './register-params';
import { UserDirectory } from './user-directory';
import { participantsNeeded, translateEvent, usersNeeded } from './zulip-event-translator';
import { transientConcerns } from './zulip-transient-translator';

const LOG_PAGE = 1000;
/** Events returned by one poll at most; the rest come with the next poll. */
const MAX_EVENTS_PER_POLL = 500;
/** A polled queue's presence entry is refreshed at most this often (it expires about 90 s after the last refresh). */
const PRESENCE_REFRESH_MS = 30_000;

/**
 * Zulip event queues kept in Redis. A queue is a cursor into the organisation's event log plus the
 * set of conversations it follows at that cursor; a poll replays the log from the cursor, filters
 * and translates, and waits on pub/sub when there is nothing new. Queues hold no events of their
 * own, so their size is bounded by how far they may lag behind the (capped) log.
 */
@Injectable()
export class EventQueueService implements OnModuleDestroy {
  private readonly logger = new Logger(EventQueueService.name);
  /** Every waiting poll, by heartbeat deadline. */
  private readonly heartbeats = new HeartbeatWheel<ZulipPoll>();
  private readonly shared = new SharedQueueState();
  /** How waiting polls reach this service (one object for all of them). */
  private readonly host: PollHost = {
    heard: (poll, message) => this.heard(poll, message),
    ended: (poll, reason) => this.end(poll, reason),
  };
  /** When this replica last marked each queue online (presence entries live about 90 s). */
  private readonly presenceMarkedAt = new Map<string, number>();
  private closing = false;
  waitingPolls = 0;

  constructor(
    private readonly config: RealtimeConfig,
    private readonly store: QueueStore,
    private readonly log: EventLog,
    private readonly waker: QueueWaker,
    private readonly messaging: InternalClient,
    private readonly participants: ParticipantDirectory,
    private readonly users: UserDirectory,
    private readonly transients: TransientFeed,
    private readonly presence: PresenceStore,
  ) {}

  async register(principal: Principal, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const params = parseRegisterParams(input, {
      default: this.config.ZULIP_QUEUE_DEFAULT_LIFESPAN_SECONDS,
      max: this.config.ZULIP_QUEUE_MAX_LIFESPAN_SECONDS,
    });
    const snapshot = await this.messaging.call({ actorId: principal.user.userId }, InternalRoutes.clientSnapshot);
    const spec: QueueSpec = {
      queueId: randomUUID(),
      userId: snapshot.user.userId,
      organisationId: snapshot.user.organisationId,
      viewer: snapshot.user,
      eventTypes: params.eventTypes,
      narrow: params.narrow,
      allPublicStreams: params.allPublicStreams,
      applyMarkdown: params.applyMarkdown,
      lifespanSecs: params.lifespanSecs,
      startEventId: snapshot.lastEventId,
      simplifiedPresenceEvents: params.simplifiedPresenceEvents,
    };
    const follow: FollowSet = {
      member: new Set(snapshot.memberOf),
      public: new Set(
        params.allPublicStreams
          ? snapshot.channels.filter((channel) => channel.type === 'public').map((channel) => channel.channelId)
          : [],
      ),
    };
    // The queue starts exactly at the snapshot's event id: nothing before it is replayed, nothing after it missed.
    const transientCursor = await this.transients.start(spec.organisationId);
    await this.store.create(
      spec,
      { cursor: snapshot.lastEventId, acked: snapshot.lastEventId, follow, transientCursor },
      this.config.ZULIP_MAX_QUEUES_PER_USER,
      this.config.ZULIP_QUEUE_MAX_LIFESPAN_SECONDS,
    );
    await this.markOnline(spec);
    this.presenceMarkedAt.set(spec.queueId, Date.now());
    const wantsPresence = params.fetchEventTypes === null || params.fetchEventTypes.includes('presence');
    return {
      result: 'success',
      msg: '',
      queue_id: spec.queueId,
      last_event_id: Number(snapshot.lastEventId),
      queue_lifespan_secs: spec.lifespanSecs,
      ...initialState(snapshot, params.fetchEventTypes),
      ...(wantsPresence
        ? zulipPresences(
            snapshot.users,
            await this.presence.status(snapshot.users.map((user) => user.userId)),
            params.slimPresence,
          )
        : {}),
      ...(params.ignored.length ? { ignored_parameters_unsupported: params.ignored } : {}),
    };
  }

  async delete(principal: Principal, queueId: string): Promise<void> {
    const { spec } = await this.owned(principal, queueId);
    await this.store.delete(queueId, principal.user.userId);
    await this.presence.offline(spec.organisationId, spec.userId, presenceConnection(queueId));
  }

  /**
   * Answers `poll` (through `poll.answer` or `poll.fail`) with the queue's events after its
   * `lastEventId`, waiting for some (or a heartbeat) unless `dontBlock`. Resolves once the poll is
   * answered or parked. Redis round trips: one to start the poll (BEGIN_POLL), one to read the event
   * and transient logs together, one to save the position (with the queue's expiry); a woken poll
   * pays the last two again. Presence is refreshed beside them, at most every 30 s per queue.
   */
  async poll(principal: Principal, poll: ZulipPoll): Promise<void> {
    let begun: Awaited<ReturnType<QueueStore['beginPoll']>>;
    let spec: QueueSpec;
    try {
      begun = poll.queueId ? await this.store.beginPoll(poll.queueId, principal.user.userId) : null;
      if (!begun) throw badQueue(poll.queueId);
      spec = this.shared.spec(begun.spec, poll.queueId);
      this.refreshPresence(spec);
      if (poll.dontBlock)
        return poll.answer((await this.collect(spec, poll.lastEventId, begun.position, false)).events);
    } catch (error: unknown) {
      return poll.fail(error);
    }
    poll.spec = spec;
    poll.generation = begun.generation;
    poll.known = begun.position;
    poll.follow = this.shared.follow(spec.userId, begun.position.follow);
    poll.watched = poll.follow;
    poll.host = this.host;
    poll.reading = true;
    this.waitingPolls++;
    // ±10 % jitter (Zulip: 45–55 s), so polls parked together do not all return together.
    this.heartbeats.add(poll, Math.round(this.config.ZULIP_HEARTBEAT_SECONDS * (0.9 + Math.random() * 0.2)) * 1000);
    poll.watchClient();
    try {
      // Subscribed first, then read: an event published in between wakes the poll and is not missed.
      await this.waker.watch(channelsOf(spec, poll.follow), poll);
    } catch (error: unknown) {
      return this.finish(poll, null, error);
    }
    if (this.closing) return this.finish(poll, []);
    await this.read(poll);
  }

  /** A polled queue is a live connection of its user, until its presence entry expires (about 90 s without a poll). */
  private async markOnline(spec: QueueSpec): Promise<void> {
    await this.presence
      .online(spec.organisationId, spec.userId, presenceConnection(spec.queueId))
      .catch((error: unknown) => this.logger.warn({ msg: 'presence update failed', err: String(error) }));
  }

  private refreshPresence(spec: QueueSpec, now = Date.now()): void {
    if (now - (this.presenceMarkedAt.get(spec.queueId) ?? 0) < PRESENCE_REFRESH_MS) return;
    if (this.presenceMarkedAt.size >= 100_000) this.presenceMarkedAt.clear();
    this.presenceMarkedAt.set(spec.queueId, now);
    void this.markOnline(spec);
  }

  onModuleDestroy(): void {
    // Waiting polls end at once with no events; clients poll again, on another replica.
    this.closing = true;
    for (const poll of this.heartbeats.all()) this.end(poll, 'closed');
  }

  /**
   * Reads the queue for a waiting poll: answers it when there are events or its wait ended, else
   * leaves it parked until a wake-up (`heard`) or an end (`end`) starts the next read.
   */
  private async read(poll: ZulipPoll): Promise<void> {
    const spec = poll.spec!;
    poll.reading = true;
    try {
      for (;;) {
        const round = await this.collect(spec, poll.lastEventId, poll.known, true);
        poll.known = round.saved;
        if (round.events.length > 0) return await this.finish(poll, round.events);
        poll.follow = round.follow;
        const watched = channelsOf(spec, poll.watched!);
        const wanted = channelsOf(spec, round.follow);
        if (wanted.join(' ') !== watched.join(' ')) {
          // Membership changed without an event for this queue (e.g. event_types=["message"]): follow the new set, then read again.
          await this.waker.rewatch(watched, wanted, poll);
          poll.watched = round.follow;
          continue;
        }
        if (poll.ended === 'heartbeat')
          return await this.finish(poll, [{ type: 'heartbeat', id: Number(round.cursor) }]);
        if (poll.ended) return await this.finish(poll, []);
        if (!poll.woken) {
          poll.reading = false;
          return;
        }
        poll.woken = false;
      }
    } catch (error: unknown) {
      await this.finish(poll, null, error);
    }
  }

  /** A message on one of a waiting poll's channels. */
  private heard(poll: ZulipPoll, { payload, parsed, channel }: HubMessage): void {
    // The poll channel carries generations; a newer one means a newer poll of this queue started.
    if (/^[0-9]+$/.test(payload)) {
      if (Number(payload) > poll.generation) this.end(poll, 'superseded');
      return;
    }
    // Unparseable payloads read as null, as the filters expect.
    const event = parsed === undefined ? null : parsed;
    const spec = poll.spec!;
    // Transient events count only from the wake channel (they are in the transient log by then), not twice via a conversation.
    if (
      isTransientEvent(event)
        ? channel !== transientWakeChannel(spec.organisationId) || !transientConcerns(event, spec, poll.follow!)
        : !mayConcern(event, spec, poll.follow!)
    )
      return;
    poll.woken = true;
    this.wake(poll);
  }

  private end(poll: ZulipPoll, reason: PollEnd): void {
    poll.ended ??= reason;
    this.wake(poll);
  }

  /** Starts the next read of a parked poll; a poll being read is looked at when that read ends. */
  private wake(poll: ZulipPoll): void {
    if (poll.reading || !poll.host) return;
    poll.woken = false;
    if (poll.ended === 'superseded' || poll.ended === 'closed') void this.finish(poll, []);
    else void this.read(poll);
  }

  /** Ends a waiting poll: it leaves the wheel and its channels, then gets its answer. */
  private async finish(poll: ZulipPoll, events: ZulipEvent[] | null, error?: unknown): Promise<void> {
    if (!poll.host) return;
    poll.host = null;
    poll.reading = true;
    this.heartbeats.remove(poll);
    this.waitingPolls--;
    await this.waker.unwatch(channelsOf(poll.spec!, poll.watched!), poll);
    if (events) poll.answer(events);
    else poll.fail(error);
  }

  private async owned(principal: Principal, queueId: string): Promise<{ spec: QueueSpec; position: QueuePosition }> {
    const queue = queueId ? await this.store.load(queueId) : null;
    // Someone else's queue is indistinguishable from an unknown one.
    if (!queue || queue.spec.userId !== principal.user.userId) throw badQueue(queueId);
    return queue;
  }

  /**
   * Replays the log from the queue's cursor: events up to `lastEventId` only advance the follow
   * set (the client has them), later ones are translated. Saves the new position: right after the
   * acknowledged events, or past everything read when nothing in it was for this queue.
   */
  private async collect(
    spec: QueueSpec,
    lastEventId: string | undefined,
    known: QueuePosition | null,
    waiting: boolean,
  ): Promise<{ events: ZulipEvent[]; cursor: string; follow: FollowSet; saved: QueuePosition | null }> {
    const position = known ?? (await this.store.load(spec.queueId))?.position;
    if (!position) throw badQueue(spec.queueId);
    let acked = lastEventId ?? position.acked;
    if (!/^-?[0-9]{1,18}$/.test(acked))
      throw new DomainError(ErrorCode.ValidationFailed, 'Invalid last_event_id', [
        { field: 'last_event_id', message: 'not an integer' },
      ]);
    if (BigInt(acked) < BigInt(position.acked)) {
      // Zulip numbers a fresh queue from -1 and clients may hard-code it: anything at or below the
      // start of a queue that has acknowledged nothing yet means "from the start".
      if (position.acked !== spec.startEventId)
        throw new DomainError(ErrorCode.BadRequest, `An event newer than ${acked} has already been pruned!`);
      acked = position.acked;
    }

    const follow = cloneFollow(position.follow);
    let checkpoint: { cursor: string; follow: FollowSet } | null = null;
    const events: ZulipEvent[] = [];
    const times: number[] = [];
    let cursor = position.cursor;
    // The transient log is read beside the first page of the event log (one round trip); it is filtered after the events moved the follow set.
    const transientEntries = this.transients.fetch(spec.organisationId, position.transientCursor);
    transientEntries.catch(() => undefined);
    for (;;) {
      const window = await this.log.readAfter(spec.organisationId, cursor, LOG_PAGE);
      if (!window.complete || BigInt(window.head) - BigInt(cursor) > BigInt(this.config.ZULIP_QUEUE_MAX_BACKLOG)) {
        await this.store.delete(spec.queueId, spec.userId);
        this.logger.warn({
          msg: 'event queue dropped: it fell too far behind',
          queueId: spec.queueId,
          cursor,
          head: window.head,
        });
        throw badQueue(spec.queueId, 'fell too far behind and was dropped; register a new one');
      }
      // The relay may lag behind a register's snapshot: ids up to the queue's own cursor are fine.
      if (BigInt(acked) > BigInt(window.head) && BigInt(acked) > BigInt(position.cursor))
        throw new DomainError(ErrorCode.BadRequest, `Event ${acked} was not in this queue`);
      for (const event of window.events) {
        const replayed = BigInt(event.eventId) <= BigInt(acked);
        const before = replayed || events.length > 0 ? null : { cursor, follow: cloneFollow(follow) };
        const out = await this.translate(event, spec, follow);
        if (!replayed && out.length > 0) {
          checkpoint ??= before;
          events.push(...out);
          times.push(...out.map(() => Date.parse(event.occurredAt)));
        }
        cursor = event.eventId;
        if (events.length >= MAX_EVENTS_PER_POLL) break;
      }
      if (events.length >= MAX_EVENTS_PER_POLL || window.events.length < LOG_PAGE) break;
    }
    const transients = await this.transients.select(spec, follow, await transientEntries);
    // A waiting poll keeps the follow set: the one its user's other polls hold, when equal.
    const kept = checkpoint ?? { cursor, follow: waiting ? this.shared.follow(spec.userId, follow) : follow };
    const next: QueuePosition = { cursor: kept.cursor, acked, follow: kept.follow, transientCursor: transients.cursor };
    const stored = await this.store.savePosition(
      spec.queueId,
      position.cursor,
      next,
      this.store.ttlFor(spec, waiting && events.length === 0),
    );
    // Another poll moved the cursor meanwhile: the next round reads the queue again.
    return {
      events: interleave(events, times, transients, Number(acked)),
      cursor,
      follow: checkpoint ? follow : kept.follow,
      saved: stored === 1 ? next : null,
    };
  }

  private async translate(event: AnyDomainEvent, spec: QueueSpec, follow: FollowSet): Promise<ZulipEvent[]> {
    // Names cached for reactions and direct-message recipients must not outlive a rename.
    if (event.type === 'user.updated' && this.users.userUpdated(event.organisationId, event.eventId))
      await this.participants.forgetUser(event.payload.user.userId);
    const group = participantsNeeded(event, follow);
    const participants = group ? await this.participants.get(group, spec.userId).catch(() => []) : [];
    const wanted = usersNeeded(event, spec, follow);
    const users = wanted.length ? await this.users.get(spec.organisationId, spec.userId, wanted) : undefined;
    return translateEvent(event, spec, follow, participants, users);
  }
}

/**
 * Whether a published event may produce something for this waiting queue. Message events that the
 * queue's follow set and narrow reject do not wake it (no herd of re-reads for busy channels);
 * anything else does, and the log replay decides.
 */
function mayConcern(event: unknown, spec: QueueSpec, follow: FollowSet): boolean {
  const candidate = event as AnyDomainEvent | null;
  if (!candidate || typeof candidate.type !== 'string' || !candidate.payload) return true;
  if (
    candidate.type !== 'message.created' &&
    candidate.type !== 'message.updated' &&
    candidate.type !== 'message.deleted'
  )
    return true;
  if (participantsNeeded(candidate, follow)) return true;
  return translateEvent(candidate, spec, cloneFollow(follow)).length > 0;
}

/**
 * Stored events keep their order; transient ones go between them by time. A transient event takes
 * the id of the stored event before it (or the acknowledged id): it must not move the client's
 * `last_event_id`, because it is never replayed and the stored ids are what acknowledges.
 */
export function interleave(
  events: ZulipEvent[],
  times: number[],
  transients: TransientBatch,
  acked: number,
): ZulipEvent[] {
  if (transients.events.length === 0) return events;
  const out: ZulipEvent[] = [];
  let next = 0;
  let lastId = acked;
  events.forEach((event, index) => {
    while (next < transients.events.length && transients.events[next].at < times[index])
      out.push({ ...transients.events[next++].event, id: lastId });
    out.push(event);
    lastId = event.id;
  });
  while (next < transients.events.length) out.push({ ...transients.events[next++].event, id: lastId });
  return out;
}

/** The channels a waiting poll watches: its user's, its organisation's, its conversations', its own poll channel and the transient wake channel. */
function channelsOf(spec: QueueSpec, follow: FollowSet): string[] {
  return [
    eventChannel({ kind: 'user', id: spec.userId }),
    eventChannel({ kind: 'org', id: spec.organisationId }),
    ...[...follow.member, ...follow.public].sort().map((id) => eventChannel({ kind: 'conv', id })),
    queuePollChannel(spec.queueId),
    transientWakeChannel(spec.organisationId),
  ];
}

export function presenceConnection(queueId: string): string {
  return `zq:${queueId}`;
}

export function badQueue(queueId: string, reason?: string): DomainError {
  const shown = String(queueId).slice(0, 100);
  return new DomainError(
    ErrorCode.BadEventQueue,
    reason ? `Bad event queue ID: ${shown} (${reason})` : `Bad event queue ID: ${shown}`,
    [{ field: 'queue_id', message: shown }],
  );
}
