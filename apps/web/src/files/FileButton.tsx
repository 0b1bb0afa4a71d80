import { useRef } from "react";
import { useT } from "../i18n/useT.js";
import { PaperclipIcon } from "../components/icons.js";
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
        <PaperclipIcon />
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
