import { useMemo } from "react";
import { isDmRoom, type User } from "@duplex/protocol";
import { sortedMembers } from "../store/members.js";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { GuestBadge } from "./GuestBadge.js";

const NO_MEMBERS: readonly User[] = [];

/** Who is online in the room now, live from `joined` and `presence`; a DM opens from here. */
export function MemberList({ room }: { room: string }) {
  const members = useDuplex((s) => s.chat.members[room] ?? NO_MEMBERS);
  const myId = useDuplex((s) => s.session.user?.id);
  const open = useDuplex((s) => s.chat.panel === "members");
  const { openDm } = useActions();
  const t = useT();
  const sorted = useMemo(() => sortedMembers(members, myId), [members, myId]);
  return (
    <aside className={open ? "members is-open" : "members"} aria-labelledby="members-title">
      <h2 id="members-title" className="sidebar-title">
        {t("members.title", { count: members.length })}
      </h2>
      <ul aria-label={t("members.list")}>
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
                className="dm-button"
                aria-label={t("members.dmLabel", { name: user.name })}
                onClick={() => openDm(user)}
              >
                {t("members.dm")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}
