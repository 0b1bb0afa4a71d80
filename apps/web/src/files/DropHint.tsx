import { useT } from "../i18n/useT.js";
import { useDuplex } from "../store/storeContext.js";
import { roomLabel } from "../store/roomLabel.js";

/** Shown over the conversation while files are dragged onto it. */
export function DropHint({ room }: { room: string }) {
  const t = useT();
  const label = useDuplex((s) => roomLabel(room, s.chat.dmPeers));
  return (
    <div className="drop-hint" aria-hidden="true">
      <p>{t("files.dropHere", { room: label })}</p>
    </div>
  );
}
