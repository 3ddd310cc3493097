export * from './dialect';
export * from './render-error';
export { SlackApiError, slackErrorName } from './slack';
