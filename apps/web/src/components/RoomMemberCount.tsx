import { shownMemberCount } from "../store/memberPages.js";
import { useT } from "../i18n/useT.js";
import { useDuplex } from "../store/storeContext.js";

/** The room's online count beside its title: the server's count in big rooms, else who we hold. */
export function RoomMemberCount({ room }: { room: string }) {
  const count = useDuplex((s) =>
    shownMemberCount(s.chat.memberCount[room], s.chat.members[room]?.length ?? 0),
  );
  const t = useT();
  return <span className="room-count muted">{t("members.count", { count })}</span>;
}
