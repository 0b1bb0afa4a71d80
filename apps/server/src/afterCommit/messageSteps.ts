import { inviteToDm } from "../chat/Chat.js";
import type { ServerContext } from "../context.js";
import { onMessageStored } from "../push/onMessageStored.js";
import { afterThreadReply, publishThreadReply } from "../threads/threadSend.js";
import { AfterCommit, type StoredMessage } from "./AfterCommit.js";

/**
 * What follows every new chat message (a send or an upload), in this order: the publish to the room
 * (or its thread), the directory's activity, a DM invite to the other participant,
 * mention/DM notifications and the stats count, then thread followers. `ctx` is read when a step
 * runs, so the list can be made while the context is built.
 */
export function messageSteps(ctx: () => ServerContext): AfterCommit<StoredMessage> {
  return new AfterCommit<StoredMessage>([
    {
      name: "publish",
      run: ({ message, frame, thread }) =>
        thread
          ? publishThreadReply(ctx(), frame, thread)
          : ctx().fanout.publish(message.room, frame),
    },
    { name: "directory activity", run: ({ message }) => ctx().chat.directory.touch(message.room) },
    { name: "dm invite", run: ({ message }) => inviteToDm(ctx().push.users, message) },
    { name: "notifications", run: ({ message }) => onMessageStored(ctx(), message) },
    {
      name: "thread followers",
      run: ({ message, thread }) => {
        if (thread) afterThreadReply(ctx(), message, thread);
      },
    },
  ]);
}
