import { isDmRoom, type User } from "@duplex/protocol";

/** How a room is named on screen: `#general`, or `@Bob` for a DM. */
export function roomLabel(room: string, dmPeers: Readonly<Record<string, User>>): string {
  if (!isDmRoom(room)) return `#${room}`;
  const peer = dmPeers[room];
  return peer ? `@${peer.name}` : "Direct message";
}
