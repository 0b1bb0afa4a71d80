import { dmParticipants, type ChatMessage } from "@duplex/protocol";
import type { Broker } from "../broker/Broker.js";
import type { Logger } from "../logger.js";
import type { Presence } from "../presence/Presence.js";
import type { UserFanout } from "../fanout/UserFanout.js";
import type { Store } from "../store/Store.js";
import { RoomDirectory } from "./RoomDirectory.js";
import { TypingThrottle } from "./TypingThrottle.js";

/** Chat features beyond send/join: the live room directory and typing throttle. */
export interface Chat {
  directory: RoomDirectory;
  typing: TypingThrottle;
  close(): Promise<void>;
}

export interface ChatDeps {
  broker: Broker;
  store: Store;
  presence: Presence;
  log: Logger;
  now(): number;
}

/**
 * Tells the other participant of a DM about a new message on the sockets that have not joined the
 * room (joined ones already got the `message`), so their UI can list the conversation.
 */
export async function inviteToDm(users: UserFanout, message: ChatMessage): Promise<void> {
  const participants = dmParticipants(message.room);
  if (!participants) return;
  const others = participants.filter((id) => id !== message.from.id);
  await users.publish(
    others,
    { type: "dm_invite", room: message.room, from: message.from, seq: message.seq },
    { exceptInRoom: message.room },
  );
}

export async function startChat(deps: ChatDeps): Promise<Chat> {
  const log = deps.log.child({ module: "chat" });
  const directory = new RoomDirectory({ ...deps, log });
  await directory.start();
  return {
    directory,
    typing: new TypingThrottle(deps.now),
    close: () => directory.stop(),
  };
}
