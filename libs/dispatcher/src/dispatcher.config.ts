import {
  BoolSetting,
  IntSetting,
  MessagingClientConfig,
  QueuePrefixSetting,
  SecretSetting,
} from '@switchboard/platform';

export class DispatcherConfig extends MessagingClientConfig {
  override PORT = 3003;

  /** Redis key prefix of the BullMQ queues; must match messaging-service's. */
  @QueuePrefixSetting()
  QUEUE_PREFIX = 'bull';

  /**
   * Derives each webhook's signing secret from the salt its job carries; must be messaging-service's
   * WEBHOOK_SECRET_KEY, or receivers reject every signature.
   */
  @SecretSetting()
  WEBHOOK_SECRET_KEY = 'switchboard-dev-webhook-secret-key';

  /** A job holds its slot until its outcome is recorded (a batch, up to WEBHOOK_OUTCOME_BATCH_MS later). */
  @IntSetting(1, 1000)
  WEBHOOK_CONCURRENCY = 50;

  /** Outcomes are recorded in one internal call per batch: sent when it holds this many… */
  @IntSetting(1, 500)
  WEBHOOK_OUTCOME_BATCH_SIZE = 100;

  /** …or this long after its first outcome. */
  @IntSetting(0, 1000)
  WEBHOOK_OUTCOME_BATCH_MS = 20;

  /** Requests in flight to one host (over all workers): a slow endpoint cannot take every slot. */
  @IntSetting(1, 1000)
  WEBHOOK_PER_TARGET_CONCURRENCY = 4;

  /** Whole-request timeout (connect, send, answer). */
  @IntSetting(100, 120_000)
  WEBHOOK_TIMEOUT_MS = 5000;

  /** Bytes of a target's answer read at most; the rest is dropped (and no reply is posted). */
  @IntSetting(1024, 10 * 1024 * 1024)
  WEBHOOK_MAX_RESPONSE_BYTES = 64 * 1024;

  /** First retry delay; doubles per attempt, with full jitter, up to WEBHOOK_BACKOFF_MAX_MS. */
  @IntSetting(10, 3_600_000)
  WEBHOOK_BACKOFF_BASE_MS = 5000;

  @IntSetting(10, 86_400_000)
  WEBHOOK_BACKOFF_MAX_MS = 600_000;

  /** On-premise installs whose integrations live on private networks; never on a public multi-tenant install. */
  @BoolSetting()
  WEBHOOK_ALLOW_PRIVATE_TARGETS = false;

  /** A job whose worker stops renewing its lock (a crashed process) is handed to another worker after this long. */
  @IntSetting(1000, 600_000)
  WEBHOOK_JOB_LOCK_MS = 30_000;

  /** Scheduled jobs (status expiry, attachment removal) run at once at most. */
  @IntSetting(1, 1000)
  SCHEDULED_CONCURRENCY = 5;

  /** Events API (Slack apps): a request URL must answer within this long (Slack: 3 s). */
  @IntSetting(100, 60_000)
  SLACK_EVENTS_TIMEOUT_MS = 3000;

  /** Events API retries: at once, after this, after five times this (Slack: 1 minute). */
  @IntSetting(0, 3_600_000)
  SLACK_EVENTS_RETRY_BASE_MS = 60_000;
}
