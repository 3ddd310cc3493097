export * from './realtime.config';
export * from './realtime-gateway.module';
export * from './connections/realtime-ws-adapter';
export * from './realtime-mounts';
export * from './connections/lean-heap';
export * from './zulip/raw-events-route';
