export * from './error-codes';
export * from './domain-error';
export * from './rate-limited-error';
export * from './dialects';
