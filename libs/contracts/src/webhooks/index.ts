export * from './webhook-jobs';
export * from './signing-secret';
