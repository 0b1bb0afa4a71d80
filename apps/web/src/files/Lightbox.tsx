import { useEffect, useRef, type KeyboardEvent } from "react";
import { createPortal } from "react-dom";
import { useT } from "../i18n/useT.js";

export interface LightboxProps {
  src: string;
  /** The file's name: the image's alt text and the dialog's name. */
  name: string;
  width?: number;
  height?: number;
  onClose: () => void;
}

/**
 * An image at full size over the app. Modal: focus starts on Close, Tab stays inside, Escape or a
 * click on the backdrop closes; the opener gives focus back (it knows where focus came from).
 */
export function Lightbox({ src, name, width, height, onClose }: LightboxProps) {
  const t = useT();
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    close.current?.focus();
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape") {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== "Tab") return;
    const focusable = dialog.current?.querySelectorAll<HTMLElement>("button, a[href]");
    if (!focusable || focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  return createPortal(
    <div
      className="lightbox-backdrop"
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={dialog}
        className="lightbox"
        role="dialog"
        aria-modal="true"
        aria-label={t("files.viewer", { name })}
        onKeyDown={onKeyDown}
      >
        <div className="lightbox-bar">
          <a href={src} target="_blank" rel="noopener noreferrer">
            {t("files.openOriginal")}
          </a>
          <button ref={close} type="button" className="button-secondary" onClick={onClose}>
            {t("files.close")}
          </button>
        </div>
        <img className="lightbox-image" src={src} alt={name} width={width} height={height} />
      </div>
    </div>,
    document.body,
  );
}
