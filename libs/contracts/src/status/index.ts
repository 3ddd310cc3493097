export * from './status-expiry';
export * from './status.dto';
