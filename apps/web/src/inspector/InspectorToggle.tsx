import { useActions, useDuplex } from "../store/storeContext.js";
import { useT } from "../i18n/useT.js";
import { DisclosureButton } from "../components/DisclosureButton.js";

export const INSPECTOR_PANEL_ID = "protocol-inspector";

/** The header button that shows or hides the protocol inspector. */
export function InspectorToggle() {
  const t = useT();
  const open = useDuplex((s) => s.inspector.open);
  const { setInspectorOpen } = useActions();
  return (
    <DisclosureButton
      className="button-secondary"
      open={open}
      controls={INSPECTOR_PANEL_ID}
      onToggle={setInspectorOpen}
    >
      {t("inspector.toggle")}
    </DisclosureButton>
  );
}
