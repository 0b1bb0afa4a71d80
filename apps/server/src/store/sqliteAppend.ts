import { randomBytes } from "node:crypto";
import type { ReplyRef } from "@duplex/protocol";
import type Database from "better-sqlite3";
import { appendedMessage, attachmentJson, messageValues, toMessage } from "./rows.js";
import type { StoreStatements } from "./sqliteStatements.js";
import type { AppendInput, AppendResult } from "./Store.js";
import { threadLinkOf, type LinkThreadInput, type LinkThreadResult } from "./ThreadStore.js";

export const newEpoch = () => randomBytes(8).toString("base64url");

/**
 * Search numbers for one append transaction: read once (under the transaction's write lock), then
 * counted up in memory, instead of two subqueries per row.
 */
export class SearchNumbers {
  #next: number | undefined;
  constructor(private readonly stmt: StoreStatements) {}

  next(): number {
    this.#next ??= (this.stmt.searchTop.get()?.top ?? 0) + 1;
    return this.#next++;
  }
}

// Inside a transaction: the dedup check, the seq bump and the insert commit together or not at all.
export function appendRows(
  stmt: StoreStatements,
  input: AppendInput,
  searchNumbers: SearchNumbers,
): AppendResult {
  const existing = stmt.byCid.get(input.userId, input.cid);
  if (existing) return { message: toMessage(existing), duplicate: true };
  // The room nearly always exists: bump its seq first, create it (and draw an epoch) only if not.
  let next = stmt.nextSeq.get(input.room);
  if (!next) {
    stmt.insertRoom.run(input.room, newEpoch(), input.ts);
    next = stmt.nextSeq.get(input.room);
  }
  if (!next) throw new Error(`room ${input.room} vanished during append`);
  stmt.insertMessage.run(
    input.room,
    next.seq,
    ...messageValues(input),
    input.userId,
    attachmentJson(input),
    searchNumbers.next(),
  );
  if (input.userName === undefined) {
    // The name the users table gave it: read back, as the page and history queries see it.
    const row = stmt.bySeq.get(input.room, next.seq);
    if (!row) throw new Error("appended message not found");
    return { message: toMessage(row), duplicate: false };
  }
  return { message: appendedMessage(input, next.seq, input.userName), duplicate: false };
}

/** The reply and thread links, written inside the append's transaction. */
export interface SqliteAppendLinks {
  reply(room: string, messageId: string, replyTo: string): ReplyRef | undefined;
  thread(input: LinkThreadInput, at: number): LinkThreadResult;
}

/** One append and a batch of appends, each one transaction (run `.immediate`). */
export function appendTransactions(
  db: Database.Database,
  stmt: StoreStatements,
  links: SqliteAppendLinks,
): {
  appendOne: Database.Transaction<(input: AppendInput) => AppendResult>;
  appendAll: Database.Transaction<(inputs: readonly AppendInput[]) => AppendResult[]>;
} {
  return {
    appendOne: db.transaction((input: AppendInput) =>
      appendLinked(stmt, links, input, new SearchNumbers(stmt)),
    ),
    appendAll: db.transaction((inputs: readonly AppendInput[]) => {
      const searchNumbers = new SearchNumbers(stmt);
      return inputs.map((input) => appendLinked(stmt, links, input, searchNumbers));
    }),
  };
}

/** Appends one message and writes the links it asks for (again for a duplicate: a no-op then). */
function appendLinked(
  stmt: StoreStatements,
  links: SqliteAppendLinks,
  input: AppendInput,
  searchNumbers: SearchNumbers,
): AppendResult {
  const result = appendRows(stmt, input, searchNumbers);
  if (input.replyTo === undefined && input.thread === undefined) return result;
  const { message } = result;
  if (input.replyTo !== undefined) {
    result.replyTo = links.reply(message.room, message.id, input.replyTo);
  }
  if (input.thread !== undefined) {
    result.thread = links.thread(threadLinkOf(message, input.thread), input.ts);
  }
  return result;
}
