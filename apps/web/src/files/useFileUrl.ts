import { useCallback, useEffect, useState } from "react";
import { useActions } from "../store/storeContext.js";

export interface FileUrl {
  /** The signed URL, once known; undefined while asking, or if the server refused. */
  url: string | undefined;
  failed: boolean;
  /** Asks again (cheap: the client caches until shortly before expiry), e.g. before a click. */
  refresh(): void;
}

/** A file's (or its thumbnail's) short-lived signed URL, for `<img src>` and download links. */
export function useFileUrl(id: string, variant: "file" | "thumb"): FileUrl {
  const { fileUrl } = useActions();
  const [url, setUrl] = useState<string>();
  const [failed, setFailed] = useState(false);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    let current = true;
    fileUrl(id, variant).then(
      (value) => {
        if (!current) return;
        setUrl(value);
        setFailed(false);
      },
      () => {
        if (current) setFailed(true);
      },
    );
    // An unmounted row (scrolled out, room switched) must not set state.
    return () => {
      current = false;
    };
  }, [fileUrl, id, variant, asked]);

  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  return { url, failed, refresh };
}
