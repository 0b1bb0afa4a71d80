import { useEffect, useRef, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { useDuplex } from "../store/storeContext.js";
import { AccountPage } from "./AccountPage.js";
import { Composer } from "./Composer.js";
import { ReplyDraftProvider } from "../reactions/replyDraft.js";
import { MemberList } from "./MemberList.js";
import { RoomMemberCount } from "./RoomMemberCount.js";
import { MessageList } from "./MessageList.js";
import { NoRoom } from "./NoRoom.js";
import { PanelToggles } from "./PanelToggles.js";
import { RoomPrefs } from "../prefs/RoomPrefs.js";
import { PushControls, PushLayer } from "./PushControls.js";
import { RoomSidebar } from "./RoomSidebar.js";
import { SessionNotice } from "./SessionNotice.js";
import { SignedOutMessages } from "./SignedOutMessages.js";
import { StatusPill } from "./StatusPill.js";
import { TypingIndicator } from "./TypingIndicator.js";
import { roomLabel } from "../store/roomLabel.js";
import { LanguageSwitcher } from "../i18n/LanguageSwitcher.js";
import { SignOutButton } from "./SignOutButton.js";
import { useT } from "../i18n/useT.js";
import { LazyInspectorPanel } from "../inspector/LazyInspectorPanel.js";
import { InspectorToggle } from "../inspector/InspectorToggle.js";
import { SearchPanel } from "../search/SearchPanel.js";
import { useFileDrop } from "../files/useFileDrop.js";
import { DropHint } from "../files/DropHint.js";
import { LazyThreadPanel } from "../threads/LazyThreadPanel.js";

/** The message box, for the skip link and for focus after sign-in. */
function focusComposer(): boolean {
  const composer = document.querySelector<HTMLTextAreaElement>("textarea[data-composer]");
  composer?.focus();
  return composer !== null;
}

export function ChatScreen() {
  const t = useT();
  // Signed in: focus goes to where one types, not back to <body>. Not on touch screens, where it
  // would pop up the keyboard over the conversation.
  useEffect(() => {
    if (window.matchMedia?.("(pointer: fine)").matches) focusComposer();
  }, []);
  const [accountOpen, setAccountOpen] = useState(false);
  const drop = useFileDrop();
  const accountButton = useRef<HTMLButtonElement>(null);
  const closeAccount = () => {
    setAccountOpen(false);
    accountButton.current?.focus();
  };
  const { room, name, title } = useDuplex(
    useShallow((s) => ({
      room: s.rooms.current,
      name: s.session.user?.name ?? s.session.name ?? "",
      title: s.rooms.current === undefined ? undefined : roomLabel(s.rooms.current, s.chat.dmPeers),
    })),
  );
  return (
    <div className="chat">
      <a
        className="skip-link"
        href="#composer"
        onClick={(event) => {
          if (focusComposer()) event.preventDefault();
        }}
      >
        {t("skip.toComposer")}
      </a>
      <header className="chat-header">
        <span className="brand">Duplex</span>
        <h1 className="room-title" title={title}>
          {title ?? t("room.none")}
        </h1>
        {room !== undefined && <RoomMemberCount room={room} />}
        {room !== undefined && <RoomPrefs room={room} title={title ?? room} />}
        <span className="whoami">
          <span className="whoami-label">{t("header.signedInAs")} </span>
          <strong>{name}</strong>
        </span>
        <StatusPill />
        <SessionNotice />
        <div className="header-tools">
          <PanelToggles />
          <SearchPanel />
          <PushControls />
          <InspectorToggle />
          <LanguageSwitcher />
          <button
            type="button"
            ref={accountButton}
            className="header-button account-open"
            aria-expanded={accountOpen}
            aria-controls={accountOpen ? "account-page" : undefined}
            onClick={() => (accountOpen ? closeAccount() : setAccountOpen(true))}
          >
            {t("account.manage")}
          </button>
          <SignOutButton />
        </div>
      </header>
      <RoomSidebar />
      <main className="chat-main" {...drop.handlers}>
        {drop.dragging && room !== undefined && <DropHint room={room} />}
        {accountOpen ? (
          <AccountPage onClose={closeAccount} />
        ) : room === undefined ? (
          <NoRoom />
        ) : (
          <ReplyDraftProvider key={room}>
            <MessageList room={room} />
            <TypingIndicator room={room} />
            <SignedOutMessages />
            <Composer room={room} />
          </ReplyDraftProvider>
        )}
      </main>
      {room !== undefined && <MemberList room={room} />}
      <PushLayer />
      <LazyInspectorPanel />
      <LazyThreadPanel />
    </div>
  );
}
