export * from './ids';
export * from './errors';
export * from './events';
export * from './dto';
export * from './views';
export * from './internal/internal-api';
export * from './internal/client-sync';
