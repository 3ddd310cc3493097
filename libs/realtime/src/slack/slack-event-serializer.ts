// The rendering is shared with messaging-service (Slack apps' events), so it lives in libs/contracts.
export { renderSlackEvent, type SlackVariant } from '@switchboard/contracts';
