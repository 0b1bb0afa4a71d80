import { isDmRoom } from "@duplex/protocol";
import { useShallow } from "zustand/react/shallow";
import { roomLabel } from "../store/roomLabel.js";
import { addRoom } from "../store/roomsSlice.js";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { JoinRoomForm } from "./JoinRoomForm.js";
import { RoomDirectory } from "./RoomDirectory.js";
import { UnreadBadge } from "./UnreadBadge.js";

function RoomEntry({
  room,
  current,
  joined = true,
}: {
  room: string;
  current: boolean;
  joined?: boolean;
}) {
  const unread = useDuplex((s) => s.chat.unread.counts[room] ?? 0);
  const label = useDuplex((s) => roomLabel(room, s.chat.dmPeers));
  const { joinRoom, leaveRoom, setPanel } = useActions();
  const t = useT();
  return (
    <li className="room-entry">
      <button
        type="button"
        className="room-link"
        aria-current={current ? "page" : undefined}
        onClick={() => {
          joinRoom(room);
          setPanel(null);
        }}
      >
        <span className="room-name">{label}</span>
        <UnreadBadge count={unread} />
      </button>
      {joined && (
        <button
          type="button"
          className="leave-room"
          aria-label={t("room.leave", { room: label })}
          title={t("room.leave", { room: label })}
          onClick={() => leaveRoom(room)}
        >
          ×
        </button>
      )}
    </li>
  );
}

function RoomList({
  label,
  rooms,
  current,
  joined,
}: {
  label: string;
  rooms: readonly string[];
  current: string | undefined;
  joined: readonly string[];
}) {
  return (
    <ul aria-label={label}>
      {rooms.map((room) => (
        <RoomEntry
          key={room}
          room={room}
          current={room === current}
          joined={joined.includes(room)}
        />
      ))}
    </ul>
  );
}

/** Rooms and DMs we are in (with unread counts), a way to join or create one, and the directory. */
export function RoomSidebar() {
  const { joined, known, offline, current, open, dmPeers } = useDuplex(
    useShallow((s) => ({
      joined: s.rooms.joined,
      known: s.rooms.known,
      offline: s.connection.status !== "open",
      current: s.rooms.current,
      open: s.chat.panel === "rooms",
      dmPeers: s.chat.dmPeers,
    })),
  );
  const t = useT();
  // The current room shows even before the server confirms the join.
  const all = current === undefined ? joined : addRoom(joined, current);
  // Offline (the app shell opened from the cache), the rooms this device was last in still show.
  const listed = offline && known !== undefined ? known.reduce(addRoom, all) : all;
  const rooms = listed.filter((r) => !isDmRoom(r));
  // Joined DMs, then earlier conversations the directory told us about.
  const dms = Object.keys(dmPeers).reduce(addRoom, all.filter(isDmRoom));
  return (
    <nav className={open ? "sidebar is-open" : "sidebar"} aria-label={t("rooms.nav")}>
      <section className="sidebar-section">
        <h2 className="sidebar-title">{t("rooms.title")}</h2>
        <RoomList label={t("rooms.yours")} rooms={rooms} current={current} joined={all} />
        <JoinRoomForm />
      </section>
      <section className="sidebar-section">
        <h2 className="sidebar-title">{t("rooms.dmsTitle")}</h2>
        {dms.length === 0 ? (
          <p className="sidebar-note">{t("rooms.dmsEmpty")}</p>
        ) : (
          <RoomList label={t("rooms.dmsList")} rooms={dms} current={current} joined={all} />
        )}
      </section>
      <RoomDirectory />
    </nav>
  );
}
