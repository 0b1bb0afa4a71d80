import type { ServerMessage } from "@duplex/protocol";

type Of<T extends ServerMessage["type"]> = Extract<ServerMessage, { type: T }>;

/** The client's parts a server frame can concern; everything else is the app's (`message` event). */
export interface FrameRoutes {
  welcome(message: Of<"welcome">): void;
  joined(message: Of<"joined">): void;
  chat(message: Of<"message">): void;
  ack(message: Of<"ack">): void;
  pong(t: number): void;
  token(token: string): void;
  /** An upload's frame (or an upload's `error`); true if it was one. */
  upload(message: ServerMessage): boolean;
  error(message: Of<"error">): void;
  left(room: string): void;
  /** A change applied by the app (idempotently); the cursor names the latest, for the next resume. */
  change(room: string, changeSeq: number): void;
}

/** Hands one server frame to the part of the client that keeps its bookkeeping. */
export function routeFrame(message: ServerMessage, to: FrameRoutes): void {
  switch (message.type) {
    case "welcome":
      return to.welcome(message);
    case "joined":
      return to.joined(message);
    case "message":
      return to.chat(message);
    case "ack":
      return to.ack(message);
    case "pong":
      return to.pong(message.t);
    case "token":
      return to.token(message.token); // replaces the welcome's before it expires
    case "error":
      if (!to.upload(message)) to.error(message);
      return;
    case "upload_ready":
    case "upload_progress":
    case "upload_done":
    case "upload_cancel":
      to.upload(message);
      return;
    case "left":
      return to.left(message.room);
    case "edited":
    case "deleted":
    case "thread_summary":
    case "reaction":
      if (message.changeSeq !== undefined) to.change(message.room, message.changeSeq);
      return;
    case "presence":
    case "presence_diff":
    case "members":
    case "occupancy":
    case "watching_members":
    case "typing":
    case "history":
    case "search_results":
    case "rooms":
    case "room_update":
    case "dm_invite":
    case "read_cursor":
    case "seen":
    case "prefs":
    case "notification":
    case "notifications_read":
    case "subscribed":
    case "unsubscribed":
    case "data":
    case "inspecting":
    case "control":
    case "thread":
    case "thread_read":
      return; // the app's business: it sees them through the `message` event
    default: {
      const unhandled: never = message;
      return unhandled;
    }
  }
}
