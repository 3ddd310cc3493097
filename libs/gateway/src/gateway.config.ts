import { IntSetting, MessagingClientConfig, UrlSetting } from '@switchboard/platform';

export class GatewayConfig extends MessagingClientConfig {
  override PORT = 3000;

  /** How long a resolved credential is remembered here (0 = ask messaging-service every time); a revoked token works this much longer. */
  @IntSetting(0, 300)
  AUTH_CACHE_SECONDS = 10;

  /** Where clients reach the realtime gateway; rtm.connect hands out URLs under it. */
  @UrlSetting(['ws', 'wss'])
  REALTIME_PUBLIC_URL = 'ws://127.0.0.1:3001';

  /** Internal URL of the realtime gateway, where Zulip event-queue requests are forwarded when no ingress routes them. */
  @UrlSetting(['http', 'https'])
  REALTIME_SERVICE_URL = 'http://127.0.0.1:3001';

  @IntSetting(1024, 100 * 1024 * 1024)
  MAX_BODY_BYTES = 1024 * 1024;

  /** Longest request URL (path and query); longer ones get 414 in the dialect of the path. Headers are capped by Node at 16 KB (431). */
  @IntSetting(256, 64 * 1024)
  MAX_URL_BYTES = 8 * 1024;

  /** Requests per credential (bearer token, Zulip key, …) per minute on REST and Zulip, shared by all replicas (0 = unlimited). The Slack Web API keeps its per-user API_REQUESTS_PER_MINUTE. */
  @IntSetting(0, 10_000_000)
  REQUESTS_PER_TOKEN_PER_MINUTE = 3000;

  /** Requests per client IP per minute on every surface, counted by each replica on its own (0 = unlimited). */
  @IntSetting(0, 10_000_000)
  REQUESTS_PER_IP_PER_MINUTE = 12000;

  /** Proxies in front of the gateway whose X-Forwarded-For is believed (0: the socket's address is the client's). */
  @IntSetting(0, 10)
  TRUSTED_PROXY_HOPS = 0;

  /** RTM sessions per user per minute (0 = unlimited): only sockets that arrive count, not rtm.connect calls whose URL was never used. Slack allows about one, with bursts. */
  @IntSetting(0, 100000)
  RTM_CONNECTS_PER_MINUTE = 60;

  /** Sessions a user may start at once before RTM_CONNECTS_PER_MINUTE applies; also how many unused rtm.connect URLs a user may collect quickly (then one a second). */
  @IntSetting(1, 10000)
  RTM_CONNECT_BURST = 10;

  /** Longest rtm.connect waits for a live realtime replica, the accept budget or a paced URL before answering 429 (0 = answer at once). */
  @IntSetting(0, 60)
  RTM_CONNECT_HOLD_SECONDS = 10;

  /** rtm.connect calls the realtime tier accepts per second, per live realtime replica (0 = unlimited); above it a retryable 429 with a 1–3 s Retry-After. */
  @IntSetting(0, 100000)
  RTM_ACCEPTS_PER_SECOND = 200;

  /** Slack Web API calls per user per minute (0 = unlimited). */
  @IntSetting(0, 1000000)
  API_REQUESTS_PER_MINUTE = 1200;

  /** Messages one incoming webhook may post per minute (shared by all gateway replicas). */
  @IntSetting(1, 100_000)
  WEBHOOK_INCOMING_PER_MINUTE = 60;

  /** Largest attachment upload (also enforced by messaging-service's own ATTACHMENT_MAX_BYTES). */
  @IntSetting(1024, 1024 * 1024 * 1024)
  ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
}
