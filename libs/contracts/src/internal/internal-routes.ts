import type { ActivityDto } from '../activity/activity';
import type {
  AttachUploadQuery,
  AttachmentDownloadQuery,
  AttachmentRemoveJobDto,
  AttachmentView,
} from '../attachments/attachment';
import type { CommandResult, CommandView, ExecCommandDto, RegisterCommandDto } from '../commands/commands';
import type {
  CreateChannelDto,
  InviteDto,
  ListChannelsQuery,
  PageChannelsQuery,
  PageUsersQuery,
  UpdateChannelDto,
} from '../dto/channel.dto';
import type { MarkAllAsReadDto, MessageFlagsDto, StrictReactionQuery } from '../dto/message-flags.dto';
import type { EditMessageDto, ListMessagesQuery, MessageWindowQuery, PostMessageDto } from '../dto/message.dto';
import type { EffectiveQuery, PatchRulesDto } from '../dto/permission.dto';
import type { PostBatchAnswer, PostBatchDto } from '../dto/post-batch.dto';
import type { UpdateProfileDto } from '../dto/profile.dto';
import type { SearchMessagesQuery, SearchThreadsQuery } from '../dto/search.dto';
import type { CreateSlackAppDto, CreateSlackAppTokenDto, PostBlocksMessageDto } from '../dto/slack-app.dto';
import type { ChannelFlagDto, ChannelStateDto, MarkAsReadDto } from '../dto/state.dto';
import type {
  DeliveryOutcomesDto,
  IncomingWebhookDto,
  ListDeliveriesQuery,
  ListWebhooksQuery,
  SaveWebhookDto,
  WebhookTokenDto,
} from '../dto/webhook.dto';
import type { EffectiveRuleView, OperationView, RoleRulesView } from '../permissions/permissions';
import type { CreatedAppTokenView, CreatedSlackAppView, SlackAppView, SlackEventsTarget } from '../slack/slack-apps';
import type { SetStatusDto, StatusExpireJobDto, StatusView } from '../status/status.dto';
import type { TypingDto, TypingResult } from '../typing/typing';
import type {
  ChannelView,
  ChannelWithStateView,
  ConversationRef,
  MemberView,
  MessagePage,
  MessageView,
  Page,
  Principal,
  ThreadUnreadView,
  UnreadView,
  UserView,
} from '../views';
import type {
  CreatedWebhookView,
  DeliveryAttemptRecorded,
  DeliveryPage,
  WebhookDeliveryView,
  WebhookView,
} from '../webhooks/webhook-jobs';
import type {
  ClientSnapshot,
  MessageContext,
  MessageFlagsResult,
  MessageSearchQuery,
  MessageSearchResult,
} from './zulip-sync';
import type { BasicLookup, TokenLookup } from './internal-api';
import { route } from './internal-route';

/**
 * Every endpoint of messaging-service's internal API, one declaration each (paths under
 * INTERNAL_PREFIX). The edges call these through the internal client; messaging's controllers
 * serve them with `@InternalRoute(InternalRoutes.x)`; a unit test checks that each is served once.
 */
export const InternalRoutes = {
  // zulip-sync
  clientSnapshot: route('GET', '/me/snapshot').answers<ClientSnapshot>(),
  directoryUsers: route('GET', '/directory/users').answers<UserView[]>(),
  conversationParticipants: route('GET', '/conversations/:channelId/participants').answers<UserView[]>(),
  channelTopics: route('GET', '/channels/:channelId/topics').answers<{ name: string; maxZulipId: number }[]>(),
  searchMessagesByNarrow: route('GET', '/messages').reads<MessageSearchQuery>().answers<MessageSearchResult>(),
  messageByZulipId: route('GET', '/messages/by-zulip-id/:zulipId').answers<MessageContext>(),

  // activity
  broadcastActivity: route('POST', '/activity').takes<ActivityDto>().answers<{ delivered: boolean }>(),

  // annotations
  markAsReadGet: route('GET', '/channels/:channelId/messages/mark-as-read')
    .reads<MarkAsReadDto>()
    .answers<UnreadView | ThreadUnreadView>(),
  markAsRead: route('POST', '/channels/:channelId/messages/mark-as-read')
    .takes<MarkAsReadDto>()
    .answers<UnreadView | ThreadUnreadView>(),
  /** Read up to the message at a Slack `ts` (a reply: in its thread), in one hop (Slack's conversations.mark). */
  markAsReadByTs: route('POST', '/channels/:channelId/messages/by-ts/:ts/mark-as-read').answers<
    UnreadView | ThreadUnreadView
  >(),
  addReaction: route('POST', '/channels/:channelId/messages/:messageId/reaction/:reaction').answers<MessageView>(),
  removeReaction: route('DELETE', '/channels/:channelId/messages/:messageId/reaction/:reaction').answers<MessageView>(),
  pinMessage: route('POST', '/channels/:channelId/messages/:messageId/pin').answers<MessageView>(),
  unpinMessage: route('DELETE', '/channels/:channelId/messages/:messageId/pin').answers<MessageView>(),
  bookmarkMessage: route('POST', '/channels/:channelId/messages/:messageId/bookmark').answers<MessageView>(),
  unbookmarkMessage: route('DELETE', '/channels/:channelId/messages/:messageId/bookmark').answers<MessageView>(),

  // attachments
  attachFile: route('POST', '/channels/:channelId/attachments')
    .takes<Buffer>()
    .reads<AttachUploadQuery>()
    .answers<MessageView & { attachment: AttachmentView }>(),
  attachmentOriginal: route('GET', '/attachments/:attachmentId/original')
    .reads<AttachmentDownloadQuery>()
    .answers<Buffer>(),
  attachmentPreview: route('GET', '/attachments/:attachmentId/preview/:ext')
    .reads<AttachmentDownloadQuery>()
    .answers<Buffer>(),
  removeAttachmentJob: route('POST', '/jobs/attachment-remove')
    .takes<AttachmentRemoveJobDto>()
    .answers<{ removed: boolean }>(),

  // auth
  authByToken: route('POST', '/auth/token').takes<TokenLookup>().answers<Principal>(),
  authByBasic: route('POST', '/auth/basic').takes<BasicLookup>().answers<Principal>(),

  // channels
  listChannels: route('GET', '/channels').reads<ListChannelsQuery>().answers<ChannelWithStateView[]>(),
  pageChannels: route('GET', '/channels/page')
    .reads<PageChannelsQuery>()
    .answers<Page<ChannelView & { isMember: boolean }>>(),
  createChannel: route('POST', '/channels').takes<CreateChannelDto>().answers<ChannelView>(),
  getChannel: route('GET', '/channels/:channelId').answers<ChannelWithStateView>(),
  updateChannel: route('PUT', '/channels/:channelId').takes<UpdateChannelDto>().answers<ChannelView>(),
  listMembers: route('GET', '/channels/:channelId/members').answers<MemberView[]>(),
  addMember: route('PUT', '/channels/:channelId/members/:userId').answers<MemberView>(),
  removeMember: route('DELETE', '/channels/:channelId/members/:userId').answers<{ removed: true }>(),
  inviteMembers: route('POST', '/channels/:channelId/invite').takes<InviteDto>().answers<MemberView[]>(),
  setChannelState: route('PUT', '/channels/:channelId/state').takes<ChannelStateDto>().answers<ChannelView>(),
  setChannelFlag: route('PUT', '/channels/:channelId/flag').takes<ChannelFlagDto>().answers<MemberView>(),
  removeChannelFlag: route('DELETE', '/channels/:channelId/flag').answers<MemberView>(),

  // commands
  listCommands: route('GET', '/commands').answers<CommandView[]>(),
  registerCommand: route('POST', '/commands').takes<RegisterCommandDto>().answers<CommandView>(),
  runCommand: route('POST', '/channels/:channelId/commands/:command').takes<ExecCommandDto>().answers<CommandResult>(),

  // conversations
  myConversations: route('GET', '/me/conversations').answers<ConversationRef[]>(),

  // message-blocks
  postBlocksMessage: route('POST', '/channels/:channelId/message-blocks')
    .takes<PostBlocksMessageDto>()
    .answers<MessageView & { blocks: unknown[] }>(),
  messageBlocks: route('GET', '/channels/:channelId/message-blocks')
    .reads<{ ids?: string }>()
    .answers<Record<string, unknown[]>>(),

  // message-flags
  updateMessageFlags: route('POST', '/messages/flags').takes<MessageFlagsDto>().answers<MessageFlagsResult>(),
  markAllAsRead: route('POST', '/me/mark-all-as-read').takes<MarkAllAsReadDto>().answers<{ moved: number }>(),
  addReactionByZulipId: route('POST', '/messages/by-zulip-id/:zulipId/reactions/:reaction')
    .reads<StrictReactionQuery>()
    .answers<MessageView>(),
  removeReactionByZulipId: route('DELETE', '/messages/by-zulip-id/:zulipId/reactions/:reaction').answers<MessageView>(),

  // messages
  listMessages: route('GET', '/channels/:channelId/messages').reads<ListMessagesQuery>().answers<MessagePage>(),
  messageWindow: route('GET', '/channels/:channelId/messages/window')
    .reads<MessageWindowQuery>()
    .answers<MessagePage>(),
  messageByTs: route('GET', '/channels/:channelId/messages/by-ts/:ts').answers<MessageView>(),
  getMessage: route('GET', '/channels/:channelId/messages/:messageId').answers<MessageView>(),
  postMessage: route('POST', '/channels/:channelId/messages').takes<PostMessageDto>().answers<MessageView>(),
  /** Many users' top-level posts in one call (the edges' coalesced posts); answers carry each poster's capabilities. */
  postMessages: route('POST', '/messages/batch').takes<PostBatchDto>().answers<PostBatchAnswer>(),
  editMessage: route('PUT', '/channels/:channelId/messages/:messageId').takes<EditMessageDto>().answers<MessageView>(),
  deleteMessage: route('DELETE', '/channels/:channelId/messages/:messageId').answers<{ deleted: true }>(),
  listReplies: route('GET', '/channels/:channelId/messages/:messageId/replies').answers<MessageView[]>(),
  postReply: route('POST', '/channels/:channelId/messages/:messageId/replies')
    .takes<PostMessageDto>()
    .answers<MessageView>(),

  // permissions
  listOperations: route('GET', '/permissions').answers<OperationView[]>(),
  effectiveRules: route('GET', '/permissions/effective').reads<EffectiveQuery>().answers<EffectiveRuleView[]>(),
  roleRules: route('GET', '/permissions/:roleId/rules').answers<RoleRulesView>(),
  patchRoleRules: route('PATCH', '/permissions/:roleId/rules').takes<PatchRulesDto>().answers<RoleRulesView>(),
  resetRoleRules: route('DELETE', '/permissions/:roleId/rules').answers<RoleRulesView>(),

  // search
  searchMessages: route('GET', '/search/messages').reads<SearchMessagesQuery>().answers<MessageView[]>(),
  searchThreads: route('GET', '/search/threads').reads<SearchThreadsQuery>().answers<MessageView[]>(),

  // slack-apps
  listSlackApps: route('GET', '/apps').answers<SlackAppView[]>(),
  createSlackApp: route('POST', '/apps').takes<CreateSlackAppDto>().answers<CreatedSlackAppView>(),
  createSlackAppToken: route('POST', '/apps/:appId/tokens')
    .takes<CreateSlackAppTokenDto>()
    .answers<CreatedAppTokenView>(),
  slackAppEventsTarget: route('GET', '/apps/:appId/events-target').answers<SlackEventsTarget>(),

  // status
  listStatuses: route('GET', '/status').answers<StatusView[]>(),
  setStatus: route('POST', '/status').takes<SetStatusDto>().answers<StatusView>(),
  clearStatus: route('DELETE', '/status').answers<{ cleared: boolean }>(),
  expireStatusJob: route('POST', '/jobs/status-expire').takes<StatusExpireJobDto>().answers<{ cleared: boolean }>(),

  // typing
  announceTyping: route('POST', '/typing').takes<TypingDto>().answers<TypingResult>(),

  // users
  pageUsers: route('GET', '/users').reads<PageUsersQuery>().answers<Page<UserView>>(),
  updateMyProfile: route('PATCH', '/users/me').takes<UpdateProfileDto>().answers<UserView>(),
  getUser: route('GET', '/users/:userId').answers<UserView>(),

  // webhook-deliveries
  recordDeliveryOutcomes: route('POST', '/webhook-deliveries/outcomes')
    .takes<DeliveryOutcomesDto>()
    .answers<{ recorded: DeliveryAttemptRecorded[] }>(),

  // webhooks
  listWebhooks: route('GET', '/webhooks').reads<ListWebhooksQuery>().answers<WebhookView[]>(),
  createWebhook: route('POST', '/webhooks').takes<SaveWebhookDto>().answers<CreatedWebhookView>(),
  getWebhook: route('GET', '/webhooks/:webhookId').answers<WebhookView>(),
  updateWebhook: route('POST', '/webhooks/:webhookId').takes<SaveWebhookDto>().answers<WebhookView>(),
  rotateWebhookCredentials: route('POST', '/webhooks/:webhookId/credentials/rotate').answers<CreatedWebhookView>(),
  deleteWebhook: route('DELETE', '/webhooks/:webhookId').answers<{ deleted: true }>(),
  listWebhookDeliveries: route('GET', '/webhooks/:webhookId/deliveries')
    .reads<ListDeliveriesQuery>()
    .answers<DeliveryPage>(),
  retryWebhookDelivery: route(
    'POST',
    '/webhooks/:webhookId/deliveries/:deliveryId/retry',
  ).answers<WebhookDeliveryView>(),
  /** The edge forwards the fields as it got them; messaging validates them (a missing `content` is its 400). */
  incomingWebhook: route('POST', '/webhooks/:webhookId/incoming')
    .takes<Partial<IncomingWebhookDto> & { token: string }>()
    .answers<MessageView>(),
  deleteWebhookWithToken: route('POST', '/webhooks/:webhookId/delete-with-token')
    .takes<WebhookTokenDto>()
    .answers<{ deleted: true }>(),
} as const;

export type InternalRouteName = keyof typeof InternalRoutes;
