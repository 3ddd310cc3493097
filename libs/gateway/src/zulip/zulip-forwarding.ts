import { Injectable } from '@nestjs/common';
import { MessagingForwarder } from '../corteza/messaging-forwarder';
import { ZulipDirectory } from './zulip-directory';

/** Base of the Zulip controllers that forward to messaging-service and resolve Zulip's references through the directory. */
@Injectable()
export abstract class ZulipForwarding {
  constructor(
    protected readonly messaging: MessagingForwarder,
    protected readonly directory: ZulipDirectory,
  ) {}
}
