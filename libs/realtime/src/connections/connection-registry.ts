import { Injectable } from '@nestjs/common';
import { type EventTarget, eventChannel } from '@switchboard/contracts';
import { EventHub, type HubListener } from '../hub/event-hub';
import type { RtmConnection } from './rtm-connection';

type Index = Map<string, Set<RtmConnection>>;

/**
 * The connections of this replica, indexed by user, organisation and conversation. Each index entry
 * follows its event channel on the hub, once per connection, so a replica receives only the events
 * of its own audience, never the whole cluster's traffic.
 */
@Injectable()
export class ConnectionRegistry {
  private readonly byUser: Index = new Map();
  private readonly byOrg: Index = new Map();
  private readonly byConv: Index = new Map();
  private readonly byPresence: Index = new Map();

  private handler: HubListener = () => undefined;
  /** One identity for all of this registry's subscriptions, whoever handles the messages. */
  private readonly listener: HubListener = (message) => this.handler(message);

  constructor(private readonly hub: EventHub) {}

  /** Who gets the messages of the channels the connections follow. */
  onMessage(handler: HubListener): void {
    this.handler = handler;
  }

  get size(): number {
    let count = 0;
    for (const set of this.byUser.values()) count += set.size;
    return count;
  }

  /** Sockets this user holds on this replica. */
  countForUser(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  all(): RtmConnection[] {
    return [...this.byUser.values()].flatMap((set) => [...set]);
  }

  async add(connection: RtmConnection, conversations: string[]): Promise<void> {
    await Promise.all([
      this.index(this.byUser, { kind: 'user', id: connection.userId }, connection),
      this.index(this.byOrg, { kind: 'org', id: connection.organisationId }, connection),
      ...conversations.map((id) => this.join(connection, id)),
    ]);
  }

  async remove(connection: RtmConnection): Promise<void> {
    await Promise.all([
      this.unindex(this.byUser, { kind: 'user', id: connection.userId }, connection),
      this.unindex(this.byOrg, { kind: 'org', id: connection.organisationId }, connection),
      ...[...connection.conversations].map((id) => this.leave(connection, id)),
      ...[...connection.presenceSubscriptions].map((id) =>
        this.unindex(this.byPresence, { kind: 'presence', id }, connection),
      ),
    ]);
    connection.presenceSubscriptions.clear();
  }

  /** Replaces the users whose presence the connection follows; returns the newly added ones. */
  async subscribePresence(connection: RtmConnection, userIds: string[]): Promise<string[]> {
    const wanted = new Set(userIds);
    const added = [...wanted].filter((id) => !connection.presenceSubscriptions.has(id));
    const removed = [...connection.presenceSubscriptions].filter((id) => !wanted.has(id));
    for (const id of removed) connection.presenceSubscriptions.delete(id);
    for (const id of added) connection.presenceSubscriptions.add(id);
    await Promise.all([
      ...removed.map((id) => this.unindex(this.byPresence, { kind: 'presence', id }, connection)),
      ...added.map((id) => this.index(this.byPresence, { kind: 'presence', id }, connection)),
    ]);
    return added;
  }

  async join(connection: RtmConnection, channelId: string): Promise<void> {
    if (connection.conversations.has(channelId)) return;
    connection.conversations.add(channelId);
    await this.index(this.byConv, { kind: 'conv', id: channelId }, connection);
  }

  async leave(connection: RtmConnection, channelId: string): Promise<void> {
    if (!connection.conversations.delete(channelId)) return;
    await this.unindex(this.byConv, { kind: 'conv', id: channelId }, connection);
  }

  audience(target: EventTarget): RtmConnection[] {
    const index = { conv: this.byConv, user: this.byUser, org: this.byOrg, presence: this.byPresence }[target.kind];
    return [...(index.get(target.id) ?? [])];
  }

  private async index(index: Index, target: EventTarget, connection: RtmConnection): Promise<void> {
    let set = index.get(target.id);
    if (!set) index.set(target.id, (set = new Set()));
    if (set.has(connection)) return;
    set.add(connection);
    await this.hub.subscribe(eventChannel(target), this.listener);
  }

  private async unindex(index: Index, target: EventTarget, connection: RtmConnection): Promise<void> {
    const set = index.get(target.id);
    if (!set?.delete(connection)) return;
    if (set.size === 0) index.delete(target.id);
    await this.hub.unsubscribe(eventChannel(target), this.listener);
  }
}
