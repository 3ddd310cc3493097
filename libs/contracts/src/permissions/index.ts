export * from './permissions';
export * from './permission-set';
