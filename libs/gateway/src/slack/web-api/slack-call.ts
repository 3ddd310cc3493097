import type { Principal } from '@switchboard/contracts';
import type { RtmClient } from '../rtm-admission';

export type SlackParams = Record<string, unknown>;

/** One Web API call: who calls, with what (query and body merged, body wins). */
export interface SlackCall {
  principal: Principal;
  params: SlackParams;
  requestId: string;
  /** The base URL the client called, e.g. `http://127.0.0.1:3000/` (auth.test's `url`). */
  baseUrl: string;
  /** For rtm.connect/rtm.start only: who connects (hashed credential and client), for lossless reconnects. */
  rtmClient?: RtmClient;
}

export type SlackResult = Record<string, unknown>;
export type SlackMethod = (call: SlackCall) => Promise<SlackResult>;

/** A Slack error name to answer with (rendered by the Slack dialect, libs/contracts/src/errors/dialects). */
export { SlackApiError } from '@switchboard/contracts';
