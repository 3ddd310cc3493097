export * from './snowflake';
export * from './slack-ts';
export * from './slack-id-codec';
export * from './wire-ids';
export * from './legacy-id-keys';
