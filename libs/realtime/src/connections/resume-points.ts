import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RedisClient } from '@switchboard/platform';
import { RealtimeConfig } from '../realtime.config';
import { REALTIME_REDIS } from '../realtime-redis';
import { RealtimeReplica } from './realtime-replica';
import { type RtmConnection, isLater } from './rtm-connection';

/** What a resume key holds: a live socket (`r` replica, `c` connection, `s` its start) or an ended one (`e`, its last event id). */
interface ResumeRecord {
  o: string;
  c: string;
  r?: string;
  s?: string;
  e?: string;
}

/** Takes the previous record and puts the new socket's in its place, in one step: two sockets never resume from the same record. */
const CLAIM = `
local previous = redis.call('GET', KEYS[1])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return previous`;

/** Only the socket that holds the record may turn it into its end position (an older socket closing late must not). */
const RELEASE = `
local current = redis.call('GET', KEYS[1])
if not current or cjson.decode(current).c ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

/**
 * Lossless reconnects for clients that do not know about `resume_from` (issue 14 §5). Each
 * credential and client (`rtmResumeKey`, named by rtm.connect in the ticket) has one record:
 * while a socket is open, which replica holds it; when the socket ends, the last event id it was
 * given, kept `RTM_RESUME_WINDOW_SECONDS`. The next socket of that credential and client takes
 * the record over and replays from there, with the memberships of that point of the log. When
 * a replica died under the socket, its last routed event id for the organisation stands in.
 */
@Injectable()
export class ResumePoints {
  private readonly logger = new Logger(ResumePoints.name);
  /** This replica's sockets that hold a resume record, and for a moment after they close, until their end position is saved. */
  private readonly held = new Map<string, RtmConnection>();

  constructor(
    @Inject(REALTIME_REDIS) private readonly redis: RedisClient,
    private readonly config: RealtimeConfig,
    private readonly replica: RealtimeReplica,
  ) {
    redis.defineCommand('rtmResumeClaim', { numberOfKeys: 1, lua: CLAIM });
    redis.defineCommand('rtmResumeRelease', { numberOfKeys: 1, lua: RELEASE });
  }

  /** Registers the new socket under its key and returns the event id its predecessor stopped at, if any is still known. */
  async claim(connection: RtmConnection): Promise<string | null> {
    if (!connection.resumeKey) return null;
    this.held.set(connection.id, connection);
    const record: ResumeRecord = {
      o: connection.organisationId,
      c: connection.id,
      r: this.replica.id,
      s: connection.lastEventId,
    };
    const liveMs = (this.config.RTM_MAX_SOCKET_AGE_SECONDS + this.config.RTM_RESUME_WINDOW_SECONDS) * 1000;
    try {
      const raw = await this.commands.rtmResumeClaim(connection.resumeKey, JSON.stringify(record), liveMs);
      return raw ? await this.positionOf(JSON.parse(raw) as ResumeRecord, connection.organisationId) : null;
    } catch (error) {
      this.logger.warn({ msg: 'resume point not read', err: String(error) });
      return null;
    }
  }

  /** The socket ended while its replica lives: remember exactly where. */
  async release(connection: RtmConnection): Promise<void> {
    if (!connection.resumeKey) return;
    const record: ResumeRecord = { o: connection.organisationId, c: connection.id, e: connection.lastEventId };
    try {
      await this.commands.rtmResumeRelease(
        connection.resumeKey,
        connection.id,
        JSON.stringify(record),
        this.config.RTM_RESUME_WINDOW_SECONDS * 1000,
      );
    } catch (error) {
      this.logger.warn({ msg: 'resume point not saved', err: String(error) });
    } finally {
      this.held.delete(connection.id);
    }
  }

  private async positionOf(previous: ResumeRecord, organisationId: string): Promise<string | null> {
    if (previous.o !== organisationId) return null;
    if (previous.e) return previous.e;
    if (!previous.r || !previous.s) return null;
    if (previous.r === this.replica.id) {
      const local = this.held.get(previous.c);
      // Still open here: a parallel session of the same client, which resumes nothing. Closing: where it stopped.
      return local && local.socket.readyState !== local.socket.OPEN ? local.lastEventId : null;
    }
    // Open on a live replica: a parallel session. On a dead one: it had what that replica routed for the organisation.
    if (await this.replica.isAlive(previous.r)) return null;
    const routed = await this.replica.routedBy(previous.r, organisationId);
    if (routed === undefined) return null;
    if (routed === null) return previous.s;
    return isLater(routed, previous.s) ? routed : previous.s;
  }

  private get commands(): RedisClient & {
    rtmResumeClaim(key: string, record: string, ttlMs: number): Promise<string | null>;
    rtmResumeRelease(key: string, connection: string, record: string, ttlMs: number): Promise<number>;
  } {
    return this.redis as never;
  }
}
