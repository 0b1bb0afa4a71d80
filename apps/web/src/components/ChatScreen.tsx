import { useShallow } from "zustand/react/shallow";
import { useDuplex } from "../store/storeContext.js";
import { Composer } from "./Composer.js";
import { MessageList } from "./MessageList.js";
import { ReconnectButton } from "./ReconnectButton.js";
import { RoomSidebar } from "./RoomSidebar.js";
import { StatusPill } from "./StatusPill.js";

export function ChatScreen() {
  const { room, name } = useDuplex(
    useShallow((s) => ({
      room: s.rooms.current,
      name: s.session.user?.name ?? s.session.name ?? "",
    })),
  );
  return (
    <div className="chat">
      <header className="chat-header">
        <span className="brand">Duplex</span>
        <h1 className="room-title">#{room}</h1>
        <span className="whoami">
          Signed in as <strong>{name}</strong>
        </span>
        <StatusPill />
        <ReconnectButton />
      </header>
      <RoomSidebar />
      <main className="chat-main">
        <MessageList room={room} />
        <Composer room={room} />
      </main>
    </div>
  );
}
