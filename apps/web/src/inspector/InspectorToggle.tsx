import { useActions, useDuplex } from "../store/storeContext.js";
import { useT } from "../i18n/useT.js";

export const INSPECTOR_PANEL_ID = "protocol-inspector";

/** The header button that shows or hides the protocol inspector. */
export function InspectorToggle() {
  const t = useT();
  const open = useDuplex((s) => s.inspector.open);
  const { setInspectorOpen } = useActions();
  return (
    <button
      type="button"
      className="button-secondary"
      aria-expanded={open}
      aria-controls={INSPECTOR_PANEL_ID}
      onClick={() => setInspectorOpen(!open)}
    >
      {t("inspector.toggle")}
    </button>
  );
}
