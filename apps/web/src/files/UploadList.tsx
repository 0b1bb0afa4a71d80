import { useMemo } from "react";
import "./files.css";
import type { Translate } from "../i18n/translate.js";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { formatFileSize } from "./fileSize.js";
import { percentSent, type UploadView } from "./uploadsSlice.js";
import { LinkButton } from "../components/LinkButton.js";

function statusText(upload: UploadView, t: Translate): string {
  switch (upload.state) {
    case "queued":
      return t("files.queued");
    case "failed":
      return t(upload.problem ?? "files.failed");
    case "cancelled":
      return t("files.cancelled");
    default:
      return t("files.sentOf", {
        sent: formatFileSize(upload.sent, t),
        total: formatFileSize(upload.total, t),
      });
  }
}

function UploadRow({ upload }: { upload: UploadView }) {
  const t = useT();
  const { cancelUpload, retryUpload, dismissUpload } = useActions();
  const active = upload.state === "queued" || upload.state === "sending";
  const stopped = upload.state === "failed" || upload.state === "cancelled";
  const run = { cancel: cancelUpload, retry: retryUpload, dismiss: dismissUpload };
  const actions: readonly (keyof typeof run)[] = active
    ? ["cancel"]
    : stopped
      ? ["retry", "dismiss"]
      : [];
  return (
    <li className={`upload upload-${upload.state}`}>
      <span className="upload-name" title={upload.name}>
        {upload.name}
      </span>
      {/* A stopped upload says why instead: an empty bar would only look stuck. */}
      {active && (
        <progress
          max={100}
          value={percentSent(upload)}
          aria-label={t("files.progress", { name: upload.name })}
        />
      )}
      <span className="upload-status" role={upload.state === "failed" ? "alert" : undefined}>
        {statusText(upload, t)}
      </span>
      <span className="upload-actions">
        {actions.map((action) => (
          <LinkButton
            key={action}
            label={t(`files.${action}Label`, { name: upload.name })}
            onClick={() => run[action](upload.key)}
          >
            {t(`files.${action}`)}
          </LinkButton>
        ))}
      </span>
    </li>
  );
}

/** The room's uploads above the composer: a progress bar each, with cancel, retry and dismiss. */
export function UploadList({ room }: { room: string }) {
  const t = useT();
  const all = useDuplex((s) => s.files.uploads);
  // Filtered here, not in the selector: a fresh array from a selector would re-render forever.
  const uploads = useMemo(() => all.filter((u) => u.room === room), [all, room]);
  if (uploads.length === 0) return null;
  return (
    <ul className="upload-list" aria-label={t("files.uploads")}>
      {uploads.map((upload) => (
        <UploadRow key={upload.key} upload={upload} />
      ))}
    </ul>
  );
}
