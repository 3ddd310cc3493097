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
  issuedAt: number;
}

export const RTM_TICKET_TTL_SECONDS = 30;
export const rtmTicketKey = (ticket: string): string => `sb:rtm-ticket:${ticket}`;

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
