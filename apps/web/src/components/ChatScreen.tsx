import { useShallow } from "zustand/react/shallow";
import { useDuplex } from "../store/storeContext.js";
import { Composer } from "./Composer.js";
import { MemberList } from "./MemberList.js";
import { MessageList } from "./MessageList.js";
import { NoRoom } from "./NoRoom.js";
import { PanelToggles } from "./PanelToggles.js";
import { PushControls, PushLayer } from "./PushControls.js";
import { RoomSidebar } from "./RoomSidebar.js";
import { SessionNotice } from "./SessionNotice.js";
import { SignedOutMessages } from "./SignedOutMessages.js";
import { StatusPill } from "./StatusPill.js";
import { TypingIndicator } from "./TypingIndicator.js";
import { roomLabel } from "../store/roomLabel.js";
import { LanguageSwitcher } from "../i18n/LanguageSwitcher.js";
import { useT } from "../i18n/useT.js";
import { LazyInspectorPanel } from "../inspector/LazyInspectorPanel.js";
import { InspectorToggle } from "../inspector/InspectorToggle.js";

export function ChatScreen() {
  const t = useT();
  const { room, name, title } = useDuplex(
    useShallow((s) => ({
      room: s.rooms.current,
      name: s.session.user?.name ?? s.session.name ?? "",
      title: s.rooms.current === undefined ? undefined : roomLabel(s.rooms.current, s.chat.dmPeers),
    })),
  );
  return (
    <div className="chat">
      <header className="chat-header">
        <span className="brand">Duplex</span>
        <h1 className="room-title">{title ?? t("room.none")}</h1>
        <span className="whoami">
          {t("header.signedInAs")} <strong>{name}</strong>
        </span>
        <StatusPill />
        <SessionNotice />
        <PanelToggles />
        <PushControls />
        <InspectorToggle />
        <LanguageSwitcher />
      </header>
      <RoomSidebar />
      <main className="chat-main">
        {room === undefined ? (
          <NoRoom />
        ) : (
          <>
            <MessageList room={room} />
            <TypingIndicator room={room} />
            <SignedOutMessages />
            <Composer room={room} />
          </>
        )}
      </main>
      {room !== undefined && <MemberList room={room} />}
      <PushLayer />
      <LazyInspectorPanel />
    </div>
  );
}
