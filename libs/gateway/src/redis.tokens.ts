/** Injection token of the api-gateway's connection to Redis (rate limits, rtm.connect tickets, admission, events). */
export const GATEWAY_REDIS = Symbol('GATEWAY_REDIS');
