import { useActions, useDuplex } from "../store/storeContext.js";
import { CloseSection } from "./CloseSection.js";
import { CostSection } from "./CostSection.js";
import { FrameLog } from "./FrameLog.js";
import { HandshakeSection } from "./HandshakeSection.js";
import { INSPECTOR_PANEL_ID } from "./InspectorToggle.js";
import { useInspectorStrings } from "../i18n/inspectorStrings.js";
import "./inspector.css";

function download(filename: string, json: string): void {
  const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

/** The protocol inspector: handshake, frame log, cost comparison, close handshake. */
export function InspectorPanel() {
  const t = useInspectorStrings();
  const open = useDuplex((s) => s.inspector.open);
  const { setInspectorOpen, inspectorTrace } = useActions();
  if (!open) return null;
  const onDownload = () => download(`duplex-trace-${Date.now()}.json`, inspectorTrace());
  return (
    <aside id={INSPECTOR_PANEL_ID} className="inspector" aria-labelledby="inspector-title">
      <header className="inspector-header">
        <h2 id="inspector-title">{t.panelTitle}</h2>
        <button type="button" className="button-secondary" onClick={onDownload}>
          {t.download}
        </button>
        <button
          type="button"
          className="button-secondary"
          aria-label={t.close}
          onClick={() => setInspectorOpen(false)}
        >
          ×
        </button>
      </header>
      <HandshakeSection />
      <FrameLog />
      <CostSection />
      <CloseSection />
    </aside>
  );
}
