/** Cursors of keyset-paged lists: the (time, id) of a page's last row, opaque to callers. */

export function encodeCursor(at: number, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString("base64url");
}

/** Undefined for no cursor; a cursor this server did not make reads as none too (the first page). */
export function decodeCursor(cursor: string | undefined): { at: number; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    return typeof at === "number" && typeof id === "string" ? { at, id } : undefined;
  } catch {
    return undefined;
  }
}
