import { useEffect, useId, useMemo, useState, type UIEvent } from "react";
import { isDmRoom, type User } from "@duplex/protocol";
import { sortedMembers } from "../store/members.js";
import { shownMemberCount } from "../store/memberPages.js";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { GuestBadge } from "./GuestBadge.js";
import { InviteMember } from "./InviteMember.js";
import { MemberActions } from "./MemberActions.js";
import { useMemberSearch } from "./useMemberSearch.js";

const NO_MEMBERS: readonly User[] = [];
/** How close to the list's end (px) scrolling asks for the next page. */
const PAGE_AHEAD_PX = 80;

/**
 * Who is online in the room, live from `joined` and `presence`; big rooms page in more on scroll or
 * "Show more", and the search box asks the server. A DM opens from here.
 */
export function MemberList({ room }: { room: string }) {
  const members = useDuplex((s) => s.chat.members[room] ?? NO_MEMBERS);
  const count = useDuplex((s) => shownMemberCount(s.chat.memberCount[room], members.length));
  const paging = useDuplex((s) => s.chat.memberPaging[room]);
  const myId = useDuplex((s) => s.session.user?.id);
  const open = useDuplex((s) => s.chat.panel === "members");
  const online = useDuplex((s) => s.connection.status === "open");
  const { loadMoreMembers, watchMembers, openDm, loadModeration } = useActions();
  const t = useT();
  const searchId = useId();
  const [query, setQuery] = useState("");
  const search = useMemberSearch(room, query);
  // Joined now (a room just left may still hold its last page until `left` arrives).
  const inRoom = useDuplex((s) => s.rooms.joined.includes(room));
  const manages = useDuplex((s) => s.moderation.manages[room] === true);
  const joined = inRoom && paging !== undefined;

  // Every join and leave of a big room while the list is on screen; a reconnect drops the watch.
  useEffect(() => {
    if (!joined || !online) return;
    watchMembers(room, true);
    return () => watchMembers(room, false);
  }, [room, joined, online, watchMembers]);

  // Whether we may mute or remove here: asked of the account API once per room.
  useEffect(() => {
    if (joined) void loadModeration(room);
  }, [room, joined, loadModeration]);

  const shown = search.status === "done" ? search.users : members;
  const sorted = useMemo(() => sortedMembers(shown, myId), [shown, myId]);
  const canPage = search.status === "idle" && paging !== undefined && !paging.done;

  function onScroll(event: UIEvent<HTMLElement>): void {
    const el = event.currentTarget;
    if (canPage && el.scrollHeight - el.scrollTop - el.clientHeight < PAGE_AHEAD_PX) {
      void loadMoreMembers(room);
    }
  }

  return (
    <aside
      className={open ? "members is-open" : "members"}
      aria-labelledby="members-title"
      onScroll={onScroll}
    >
      <h2 id="members-title" className="sidebar-title">
        {t("members.title", { count })}
      </h2>
      <label className="visually-hidden" htmlFor={searchId}>
        {t("members.search")}
      </label>
      <input
        id={searchId}
        type="search"
        className="member-search"
        placeholder={t("members.search")}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {manages && <InviteMember room={room} />}
      <ul aria-label={t("members.list")} aria-busy={search.status === "searching"}>
        {sorted.map((user) => (
          <li key={user.id} className="member">
            <span className="presence-dot" aria-hidden="true" />
            <span className="member-name">
              {user.name}
              {user.guest === true && <GuestBadge />}
              {user.id === myId && <span className="muted">{t("members.you")}</span>}
            </span>
            {user.id !== myId && !isDmRoom(room) && (
              <button
                type="button"
                className="button-secondary dm-button"
                aria-label={t("members.dmLabel", { name: user.name })}
                onClick={() => openDm(user)}
              >
                {t("members.dm")}
              </button>
            )}
            {user.id !== myId && !isDmRoom(room) && <MemberActions room={room} user={user} />}
          </li>
        ))}
      </ul>
      <p role="status" className="muted member-status">
        {search.status === "failed" && t("members.searchFailed")}
        {search.status === "done" &&
          search.users.length === 0 &&
          t("members.noMatch", { query: query.trim() })}
        {search.status === "idle" && paging?.loading === true && t("members.loading")}
        {search.status === "idle" && paging?.failed === true && t("members.failed")}
      </p>
      {canPage && (
        <button
          type="button"
          className="button-secondary member-more"
          disabled={paging.loading}
          onClick={() => void loadMoreMembers(room)}
        >
          {t("members.more")}
        </button>
      )}
    </aside>
  );
}
