export * from './dispatcher.config';
export * from './webhook-dispatcher.module';
