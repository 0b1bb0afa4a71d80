import { useMemo } from "react";
import { isDmRoom, type User } from "@duplex/protocol";
import { sortedMembers } from "../store/members.js";
import { useActions, useDuplex } from "../store/storeContext.js";

const NO_MEMBERS: readonly User[] = [];

/** Who is online in the room now, live from `joined` and `presence`; a DM opens from here. */
export function MemberList({ room }: { room: string }) {
  const members = useDuplex((s) => s.chat.members[room] ?? NO_MEMBERS);
  const myId = useDuplex((s) => s.session.user?.id);
  const open = useDuplex((s) => s.chat.panel === "members");
  const { openDm } = useActions();
  const sorted = useMemo(() => sortedMembers(members, myId), [members, myId]);
  return (
    <aside className={open ? "members is-open" : "members"} aria-labelledby="members-title">
      <h2 id="members-title" className="sidebar-title">
        Online — {members.length}
      </h2>
      <ul aria-label="Members">
        {sorted.map((user) => (
          <li key={user.id} className="member">
            <span className="presence-dot" aria-hidden="true" />
            <span className="member-name">
              {user.name}
              {user.id === myId && <span className="muted"> (you)</span>}
            </span>
            {user.id !== myId && !isDmRoom(room) && (
              <button
                type="button"
                className="dm-button"
                aria-label={`Private chat with ${user.name}`}
                onClick={() => openDm(user)}
              >
                DM
              </button>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}
