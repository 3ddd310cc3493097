import type { DialectName } from '@switchboard/contracts';
import { type Mount, mountMatcher } from '@switchboard/platform';

/**
 * The realtime gateway's HTTP surfaces, for refusals written before routing (Node's parser): Zulip's
 * event queues; everything else (the RTM and Socket Mode upgrades, probes) answers Corteza-style.
 */
export const REALTIME_MOUNTS: readonly Mount[] = [{ path: '/api/v1/', dialect: 'zulip' }];

const mountOf = mountMatcher(REALTIME_MOUNTS, { path: '/', dialect: 'corteza' });

export function realtimeDialectOf(path: string): DialectName {
  return mountOf(path).dialect;
}
