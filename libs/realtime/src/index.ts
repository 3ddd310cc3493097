export * from './realtime.config';
export * from './realtime-gateway.module';
