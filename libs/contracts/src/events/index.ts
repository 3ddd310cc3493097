export * from './domain-events';
export * from './event-channels';
export * from './transient-events';
