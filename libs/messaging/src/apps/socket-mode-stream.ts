import { APP_STREAM_MAX_LEN, appStreamKey } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';

export interface StreamEntry {
  appId: string;
  /** `<organisation event id>-<type index>`: explicit and increasing, so a replay is refused by XADD. */
  id: string;
  eventId: string;
  payload: string;
}

/**
 * The producer side of Socket Mode: one Redis Stream per app (the realtime gateway reads it through a
 * consumer group). Entries of one batch go in one pipeline. An entry whose id is not above the
 * stream's last is one a replayed relay batch already added: XADD refuses it and that is success.
 */
export class SocketModeStream {
  constructor(private readonly redis: RedisClient) {}

  async add(entries: StreamEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const results = await Promise.all(
      entries.map((entry) =>
        this.redis
          .xadd(
            appStreamKey(entry.appId),
            'MAXLEN',
            '~',
            APP_STREAM_MAX_LEN,
            entry.id,
            'event_id',
            entry.eventId,
            'payload',
            entry.payload,
          )
          .then(
            () => null,
            (error: Error) => error,
          ),
      ),
    );
    const failed = results.find(
      (error) => error !== null && !/equal or smaller than the target stream top item/.test(error.message),
    );
    if (failed) throw failed;
  }
}
