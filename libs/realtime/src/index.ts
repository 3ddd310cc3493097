export * from './realtime.config';
export * from './realtime-gateway.module';
export * from './connections/realtime-ws-adapter';
export * from './connections/lean-heap';
