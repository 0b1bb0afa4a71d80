import type Database from "better-sqlite3";
import { nameKey } from "../names/nameKey.js";

/**
 * Binds each stored user's name to one user, when names start to be owned: where several users
 * shared a name (names used to be unique only among connected users), the newest keeps it and the
 * others get a suffixed name on their next sign-in.
 */
export function backfillNames(db: Database.Database): void {
  const users = db
    .prepare<[], { id: string; name: string }>(
      `SELECT id, name FROM users ORDER BY created_at DESC`,
    )
    .all();
  const bind = db.prepare(
    `INSERT INTO names (key, user_id, name, bound_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const now = Date.now();
  for (const user of users) bind.run(nameKey(user.name), user.id, user.name, now);
}
