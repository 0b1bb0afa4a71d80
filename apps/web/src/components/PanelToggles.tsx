import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { UnreadBadge } from "./UnreadBadge.js";

/** On narrow screens the rooms and members panels fold away; these buttons unfold them. */
export function PanelToggles() {
  const panel = useDuplex((s) => s.chat.panel);
  const unread = useDuplex((s) =>
    Object.entries(s.chat.unread.counts).reduce(
      (sum, [room, n]) => (room === s.rooms.current ? sum : sum + n),
      0,
    ),
  );
  const { setPanel } = useActions();
  const t = useT();
  return (
    <div className="panel-toggles">
      <button
        type="button"
        className="button-secondary"
        aria-expanded={panel === "rooms"}
        onClick={() => setPanel(panel === "rooms" ? null : "rooms")}
      >
        {t("panels.rooms")}
        <UnreadBadge count={unread} />
      </button>
      <button
        type="button"
        className="button-secondary"
        aria-expanded={panel === "members"}
        onClick={() => setPanel(panel === "members" ? null : "members")}
      >
        {t("panels.people")}
      </button>
    </div>
  );
}
