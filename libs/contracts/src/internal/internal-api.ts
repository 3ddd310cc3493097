/**
 * The internal command API between the edges and messaging-service: plain HTTP/JSON under
 * /internal/v1, authenticated by a shared secret, acting for the user named in `x-actor-id`.
 * The messaging service loads that user and authorises every command itself.
 */
export const INTERNAL_PREFIX = '/internal/v1';
export const INTERNAL_SECRET_HEADER = 'x-internal-secret';
export const ACTOR_HEADER = 'x-actor-id';
export const REQUEST_ID_HEADER = 'x-request-id';
/**
 * Query flag on any internal call: channels and messages in the answer then carry the caller's
 * `capabilities` (and channels their `members`), decided by messaging-service from the rules.
 */
export const VIEWER_CAPABILITIES_QUERY = 'viewerCapabilities';

export interface TokenLookup {
  token: string;
}

export interface BasicLookup {
  email: string;
  apiKey: string;
}

/** An rtm.connect ticket as stored in Redis (single use, 30 s). */
export interface RtmTicket {
  userId: string;
  organisationId: string;
  batchPresenceAware: boolean;
  presenceSub: boolean;
  /** Replay the organisation's events after this id once the socket is open (the event log head at rtm.connect, or the client's resume point). */
  resumeFrom: string;
  /** The client asked to resume (it gets `resumed` or `resume_failed`); otherwise the replay is silent. */
  resumeRequested: boolean;
  /** Where this credential and client keep their last delivered event id between sockets (`rtmResumeKey`), for replay without `resume_from`. */
  resumeKey?: string;
  /** The per-user session budget the socket takes a token from when it is redeemed (a ticket never redeemed costs none). */
  sessionBudget?: { key: string; capacity: number; perSecond: number };
  issuedAt: number;
}

export const RTM_TICKET_TTL_SECONDS = 30;
export const rtmTicketKey = (ticket: string): string => `sb:rtm-ticket:${ticket}`;
/** One credential (token hash) and client: where its last RTM socket stopped, for two minutes by default. */
export const rtmResumeKey = (credentialHash: string, clientHash: string): string =>
  `sb:rtm-resume:{${credentialHash}}:${clientHash}`;
/** Live realtime replicas, scored by when their registration expires (they refresh it every second). */
export const REALTIME_REPLICAS_KEY = 'sb:rt-replicas';
/** Per replica, per organisation: the last event id it routed to its sockets (read when the replica died under a socket). */
export const realtimeRoutedKey = (replicaId: string): string => `sb:rt-routed:{${replicaId}}`;

/** BullMQ queues and job names. Every job name has exactly one handler, checked at worker start. */
export const WEBHOOK_QUEUE = 'webhook-deliveries';

/**
 * Delayed and scheduled work for the dispatcher (status expiry, removal of deleted attachments' files).
 * Job ids are deterministic so that re-scheduling the same thing replaces or joins the old job.
 */
export const SCHEDULED_QUEUE = 'scheduled-jobs';
export const JobName = {
  StatusExpire: 'status.expire',
  AttachmentRemove: 'attachment.remove',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];
