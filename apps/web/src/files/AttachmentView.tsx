import { useRef, useState } from "react";
import "./files.css";
import { useT } from "../i18n/useT.js";
import { useActions } from "../store/storeContext.js";
import { fitWithin, formatFileSize } from "./fileSize.js";
import { Lightbox } from "./Lightbox.js";
import type { Attachment } from "./uploadPort.js";

/** The box a thumbnail is shown in, at most. */
const THUMB_BOX = { width: 320, height: 240 };
/** The types the server makes thumbnails of and serves inline; anything else is a download. */
const INLINE_IMAGES = new Set(["image/png", "image/jpeg", "image/webp", "image/gif"]);

export function isInlineImage(attachment: Attachment): boolean {
  return INLINE_IMAGES.has(attachment.mime) && attachment.width !== undefined;
}

function ImageAttachment({ attachment }: { attachment: Attachment }) {
  const t = useT();
  const { fileUrl } = useActions();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const { width = THUMB_BOX.width, height = THUMB_BOX.height } = attachment;
  const box = fitWithin(width, height, THUMB_BOX);
  const src = fileUrl(attachment.id, attachment.thumb ? "thumb" : "file");
  return (
    <>
      <button
        ref={opener}
        type="button"
        className="attachment-image"
        aria-label={t("files.openImage", { name: attachment.name })}
        onClick={() => setOpen(true)}
      >
        {/* width/height reserve the box before the bytes arrive: the list does not jump. */}
        <img
          src={src}
          alt={attachment.name}
          width={box.width}
          height={box.height}
          loading="lazy"
          decoding="async"
        />
      </button>
      {open && (
        <Lightbox
          src={fileUrl(attachment.id, "file")}
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
  const { fileUrl } = useActions();
  const size = formatFileSize(attachment.size, t);
  return (
    <div className="attachment-card">
      <span className="attachment-name" title={attachment.name}>
        {attachment.name}
      </span>
      <span className="attachment-meta">
        {size} · {attachment.mime}
      </span>
      <a
        className="attachment-download"
        href={fileUrl(attachment.id, "file")}
        download={attachment.name}
        aria-label={`${t("files.downloadLabel", { name: attachment.name })} (${size})`}
      >
        {t("files.download")}
      </a>
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
