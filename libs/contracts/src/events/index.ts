export * from './domain-events';
export * from './event-channels';
