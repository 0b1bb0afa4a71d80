import { expect, type Page } from "@playwright/test";
import { crc32, deflateSync } from "node:zlib";

// Uploads as a user makes them: a real image, dropped on the conversation; and the check that the
// other side's thumbnail really loaded.

/** A real PNG (the server sniffs the bytes and decodes them for the thumbnail): a colour gradient. */
export function png(width: number, height: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x += 1) row.set([(x * 2) % 256, (y * 3) % 256, 160], 1 + x * 3);
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Drops a file on the conversation as a user dragging it in from the desktop would. */
export async function dropFile(
  page: Page,
  name: string,
  mime: string,
  bytes: Buffer,
): Promise<void> {
  await page.evaluate(
    ({ name, mime, base64 }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type: mime }));
      const target = document.querySelector("main");
      if (target === null) throw new Error("no conversation on screen");
      for (const type of ["dragenter", "dragover", "drop"]) {
        target.dispatchEvent(
          new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
      }
    },
    { name, mime, base64: bytes.toString("base64") },
  );
}

/**
 * The image has arrived and decoded (not just an empty box of the right size). `timeout` for the
 * upload's own trip: chunked POSTs through a proxy on a loaded machine take seconds, not one.
 */
export async function expectLoaded(page: Page, name: string, timeout?: number): Promise<void> {
  const img = page.getByRole("log").getByRole("img", { name });
  await expect(img).toBeVisible(timeout === undefined ? {} : { timeout });
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth))
    .toBeGreaterThan(0);
}
