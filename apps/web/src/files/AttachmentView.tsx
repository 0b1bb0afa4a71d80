import { useRef, useState } from "react";
import "./files.css";
import { useT } from "../i18n/useT.js";
import { fitWithin, formatFileSize } from "./fileSize.js";
import { Lightbox } from "./Lightbox.js";
import type { Attachment } from "./uploadPort.js";
import { useFileUrl } from "./useFileUrl.js";

/** The box a thumbnail is shown in, at most. */
const THUMB_BOX = { width: 320, height: 240 };
/** The types the server makes thumbnails of and serves inline; anything else is a download. */
const INLINE_IMAGES = new Set(["image/png", "image/jpeg", "image/webp", "image/gif"]);

export function isInlineImage(attachment: Attachment): boolean {
  return INLINE_IMAGES.has(attachment.mime) && attachment.width !== undefined;
}

function ImageAttachment({ attachment }: { attachment: Attachment }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const { width = THUMB_BOX.width, height = THUMB_BOX.height } = attachment;
  const box = fitWithin(width, height, THUMB_BOX);
  const thumb = useFileUrl(attachment.id, attachment.thumb ? "thumb" : "file");
  const full = useFileUrl(attachment.id, "file");
  if (thumb.failed) return <FileCard attachment={attachment} />;
  return (
    <>
      <button
        ref={opener}
        type="button"
        className="attachment-image"
        aria-label={t("files.openImage", { name: attachment.name })}
        onFocus={full.refresh}
        onPointerEnter={full.refresh}
        onClick={() => setOpen(true)}
      >
        {/* width/height reserve the box before the URL and the bytes arrive: the list does not jump. */}
        {thumb.url === undefined ? (
          <span
            className="attachment-placeholder"
            style={{ width: box.width, height: box.height }}
          />
        ) : (
          <img
            src={thumb.url}
            alt={attachment.name}
            width={box.width}
            height={box.height}
            loading="lazy"
            decoding="async"
          />
        )}
      </button>
      {open && full.url !== undefined && (
        <Lightbox
          src={full.url}
          name={attachment.name}
          width={attachment.width}
          height={attachment.height}
          onClose={() => {
            setOpen(false);
            opener.current?.focus();
          }}
        />
      )}
    </>
  );
}

function FileCard({ attachment }: { attachment: Attachment }) {
  const t = useT();
  const size = formatFileSize(attachment.size, t);
  const file = useFileUrl(attachment.id, "file");
  return (
    <div className="attachment-card">
      <span className="attachment-name" title={attachment.name}>
        {attachment.name}
      </span>
      <span className="attachment-meta">
        {size} · {attachment.mime}
      </span>
      {file.failed ? (
        <span className="attachment-download">{t("files.gone")}</span>
      ) : (
        <a
          className="attachment-download"
          href={file.url}
          download={attachment.name}
          aria-label={`${t("files.downloadLabel", { name: attachment.name })} (${size})`}
          // Signed URLs are short-lived: a card left on screen for long asks for a fresh one first.
          onFocus={file.refresh}
          onPointerEnter={file.refresh}
        >
          {t("files.download")}
        </a>
      )}
    </div>
  );
}

/** A message's file: an image inline (with a lightbox), anything else as a card with a download. */
export function AttachmentView({ attachment }: { attachment: Attachment }) {
  return isInlineImage(attachment) ? (
    <ImageAttachment attachment={attachment} />
  ) : (
    <FileCard attachment={attachment} />
  );
}
