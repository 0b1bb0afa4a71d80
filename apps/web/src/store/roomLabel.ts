import { isDmRoom, type User } from "@duplex/protocol";
import { t } from "../i18n/localeStore.js";

/** How a room is named on screen: `#general`, or `@Bob` for a DM. */
export function roomLabel(room: string, dmPeers: Readonly<Record<string, User>>): string {
  if (!isDmRoom(room)) return `#${room}`;
  const peer = dmPeers[room];
  return peer ? `@${peer.name}` : t("room.dm");
}
