import { useMemo } from "react";
import { useT } from "../i18n/useT.js";
import { useDuplex } from "../store/storeContext.js";
import { seenBy } from "./seenBy.js";

/**
 * "Seen by" under the user's last message: the readers' initials and names (at most three), then
 * "+N". Only DMs and small rooms get receipts, and none when the user does not share their own.
 */
export function SeenBy({ room, seq }: { room: string; seq: number }) {
  const byUser = useDuplex((s) => s.chat.seen[room]);
  const myId = useDuplex((s) => s.session.user?.id);
  const t = useT();
  const { shown, more } = useMemo(() => seenBy(byUser, seq, myId), [byUser, seq, myId]);
  if (shown.length === 0) return null;
  const names = shown.map((u) => u.name).join(", ");
  const text = more > 0 ? t("seen.byMore", { names, count: more }) : t("seen.by", { names });
  return (
    <p className="seen-by" role="status" aria-label={text}>
      <span className="seen-by-avatars" aria-hidden="true">
        {shown.map((u) => (
          <span key={u.id} className="seen-by-avatar" title={u.name}>
            {[...u.name][0]?.toUpperCase()}
          </span>
        ))}
      </span>
      <span aria-hidden="true">{text}</span>
    </p>
  );
}
