import { useEffect, useRef, type KeyboardEvent } from "react";
import { useActions, useDuplex } from "../store/storeContext.js";
import { CloseSection } from "./CloseSection.js";
import { CostSection } from "./CostSection.js";
import { FrameLog } from "./FrameLog.js";
import { DockResizer } from "./DockResizer.js";
import { HandshakeSection } from "./HandshakeSection.js";
import { LazyCompareSection } from "./compare/LazyCompareSection.js";
import { useDockWidth } from "./useDockWidth.js";
import { INSPECTOR_PANEL_ID } from "./InspectorToggle.js";
import { useT } from "../i18n/useT.js";
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
  const t = useT();
  const open = useDuplex((s) => s.inspector.open);
  const { setInspectorOpen, inspectorTrace } = useActions();
  const [width, setWidth] = useDockWidth(open);
  const title = useRef<HTMLHeadingElement>(null);
  // Opening moves focus into the panel, so keyboard users land where the new content is.
  useEffect(() => {
    if (open) title.current?.focus();
  }, [open]);
  if (!open) return null;
  const onDownload = () => download(`duplex-trace-${Date.now()}.json`, inspectorTrace());
  const close = () => {
    setInspectorOpen(false);
    // Back to the button that opened it, not to <body>.
    document.querySelector<HTMLElement>(`[aria-controls="${INSPECTOR_PANEL_ID}"]`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      close();
    }
  };
  return (
    <aside
      id={INSPECTOR_PANEL_ID}
      className="inspector"
      aria-labelledby="inspector-title"
      style={{ width }}
      onKeyDown={onKeyDown}
    >
      <DockResizer width={width} setWidth={setWidth} label={t("inspector.resize")} />
      <header className="inspector-header">
        <h2 id="inspector-title" ref={title} tabIndex={-1}>
          {t("inspector.panelTitle")}
        </h2>
        <button type="button" className="button-secondary" onClick={onDownload}>
          {t("inspector.download")}
        </button>
        <button
          type="button"
          className="button-secondary"
          aria-label={t("inspector.close")}
          onClick={close}
        >
          ×
        </button>
      </header>
      <HandshakeSection />
      <FrameLog />
      <CostSection />
      <LazyCompareSection />
      <CloseSection />
    </aside>
  );
}
