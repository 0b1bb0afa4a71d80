import type { ReactNode } from "react";
import { useT } from "../i18n/useT.js";
import type { OpenPanel } from "../store/chatSlice.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { UnreadBadge } from "./UnreadBadge.js";
import { DisclosureButton } from "./DisclosureButton.js";

/** On narrow screens the rooms and members panels fold away; these buttons unfold them. */
export function PanelToggles() {
  const unread = useDuplex((s) =>
    Object.entries(s.chat.unread.counts).reduce(
      (sum, [room, n]) => (room === s.rooms.current ? sum : sum + n),
      0,
    ),
  );
  const t = useT();
  return (
    <div className="panel-toggles">
      <PanelToggle panel="rooms">
        {t("panels.rooms")}
        <UnreadBadge count={unread} />
      </PanelToggle>
      <PanelToggle panel="members">{t("panels.people")}</PanelToggle>
    </div>
  );
}

/** Opens `panel`, or folds it away again when it is the one open. */
function PanelToggle({
  panel,
  children,
}: {
  panel: Exclude<OpenPanel, null>;
  children: ReactNode;
}) {
  const open = useDuplex((s) => s.chat.panel === panel);
  const { setPanel } = useActions();
  return (
    <DisclosureButton
      className="button-secondary"
      open={open}
      onToggle={(show) => setPanel(show ? panel : null)}
    >
      {children}
    </DisclosureButton>
  );
}
