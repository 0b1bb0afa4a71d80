import { useRef } from "react";
import { useT } from "../i18n/useT.js";
import { useActions } from "../store/storeContext.js";

/** The composer's attach button: opens the file picker; the chosen files upload to the room. */
export function FileButton() {
  const t = useT();
  const { sendFiles } = useActions();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="attach-button"
        aria-label={t("files.attach")}
        title={t("files.attach")}
        onClick={() => input.current?.click()}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            d="M16.5 6.5 8.4 14.6a1.9 1.9 0 0 0 2.7 2.7l8.5-8.5a3.8 3.8 0 0 0-5.4-5.4L5.6 12a5.7 5.7 0 0 0 8.1 8.1l7-7"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-file-input=""
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          if (files.length > 0) sendFiles(files);
          // The same file chosen twice in a row must fire `change` again.
          event.target.value = "";
        }}
      />
    </>
  );
}
