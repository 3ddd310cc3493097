export * from './webhook-jobs';
