import { IntSetting, MessagingClientConfig } from '@switchboard/platform';

export class RealtimeConfig extends MessagingClientConfig {
  override PORT = 3001;

  /** How long a resolved credential is remembered here (0 = ask messaging-service every time); a revoked token works this much longer. */
  @IntSetting(0, 300)
  AUTH_CACHE_SECONDS = 10;

  /** Sockets are told `goodbye` and closed at this age (Slack: 8 hours). */
  @IntSetting(10, 7 * 24 * 3600)
  RTM_MAX_SOCKET_AGE_SECONDS = 8 * 3600;

  /** A client's next socket within this long after its previous one ended (same credential and client) replays what it missed, without `resume_from`. */
  @IntSetting(10, 3600)
  RTM_RESUME_WINDOW_SECONDS = 120;

  /** Sockets whose session this replica sets up at once (conversations, subscriptions, replay); more wait, open, in a reconnect storm. */
  @IntSetting(1, 10_000)
  RTM_SESSION_SETUPS_IN_FLIGHT = 32;

  /** RTM sockets one user may hold on one replica; the next is refused (error frame, close 1008) until one closes. */
  @IntSetting(1, 100_000)
  RTM_MAX_SOCKETS_PER_USER = 32;

  /** Client frames above this size close the socket (Slack: 16 KB). */
  @IntSetting(1024, 1024 * 1024)
  RTM_MAX_FRAME_BYTES = 16 * 1024;

  /** A waiting Zulip long-poll returns a heartbeat after this long (Zulip: 45–55 s). */
  @IntSetting(1, 300)
  ZULIP_HEARTBEAT_SECONDS = 50;

  /** Lifespan of a Zulip event queue without polls when the client asks for none (Zulip: 10 min). */
  @IntSetting(10, 7 * 24 * 3600)
  ZULIP_QUEUE_DEFAULT_LIFESPAN_SECONDS = 600;

  /** Upper bound of `queue_lifespan_secs` (Zulip: 7 days). */
  @IntSetting(10, 30 * 24 * 3600)
  ZULIP_QUEUE_MAX_LIFESPAN_SECONDS = 7 * 24 * 3600;

  /** A queue whose unacknowledged backlog exceeds this many organisation events is dropped (BAD_EVENT_QUEUE_ID). */
  @IntSetting(10, 1_000_000)
  ZULIP_QUEUE_MAX_BACKLOG = 10_000;

  /** A user's live Zulip queues beyond this many evict the oldest (Zulip sets no limit). */
  @IntSetting(1, 10_000)
  ZULIP_MAX_QUEUES_PER_USER = 100;

  /** A Socket Mode envelope not acknowledged within this long is sent again, with a higher retry_attempt (Slack: 3 s). */
  @IntSetting(100, 60_000)
  SOCKET_MODE_ACK_TIMEOUT_MS = 3000;

  /** Socket Mode connections are asked to refresh (`disconnect`) at this age; Slack does so every few hours. */
  @IntSetting(20, 7 * 24 * 3600)
  SOCKET_MODE_MAX_CONNECTION_AGE_SECONDS = 4 * 3600;
}
