/** Injection token of the realtime gateway's command connection to Redis (tickets, publishing, presence). */
export const REALTIME_REDIS = Symbol('REALTIME_REDIS');
