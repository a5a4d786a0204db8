/**
 * Just enough of a MIME reader (RFC 2045–2047, 2231) to check what nodemailer put on the wire:
 * headers, multipart nesting, base64 / quoted-printable bodies and charsets. Not for mail from the wild.
 */

export interface ReceivedAttachment {
  filename: string | undefined;
  /** The Content-Type header as sent, parameters included, e.g. `text/calendar; method=REQUEST; charset=utf-8`. */
  contentType: string;
  content: string;
}

export interface ParsedMail {
  /** Header names in lower case; a repeated header keeps its last value. */
  headers: Record<string, string>;
  subject: string;
  /** With LF line breaks. */
  text: string | undefined;
  /** With LF line breaks. */
  html: string | undefined;
  attachments: ReceivedAttachment[];
}

/** Parses the message from its raw bytes held one byte per char (latin1), so MIME offsets stay byte offsets. */
export function readMail(rawBytes: Buffer): ParsedMail {
  const mail: ParsedMail = { headers: {}, subject: "", text: undefined, html: undefined, attachments: [] };
  const root = splitEntity(rawBytes.toString("latin1"));
  mail.headers = root.headers;
  mail.subject = decodeWords(root.headers.subject ?? "");
  walk(root, mail);
  return mail;
}

interface Entity {
  headers: Record<string, string>;
  body: string;
}

function splitEntity(raw: string): Entity {
  const end = raw.indexOf("\r\n\r\n");
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? "" : raw.slice(end + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function walk(entity: Entity, mail: ParsedMail): void {
  const contentType = entity.headers["content-type"] ?? "text/plain; charset=us-ascii";
  const { value: mimeType, params } = headerValue(contentType);
  if (mimeType.startsWith("multipart/") && params.boundary) {
    for (const part of splitMultipart(entity.body, params.boundary)) walk(splitEntity(part), mail);
    return;
  }
  const disposition = headerValue(entity.headers["content-disposition"] ?? "inline");
  const filename = disposition.params.filename ?? params.name;
  const content = decodeBody(entity.body, entity.headers["content-transfer-encoding"], params.charset);
  const isAttachment = disposition.value === "attachment" || filename !== undefined;
  // Body text is CRLF on the wire; tests compare it with what was passed in.
  if (!isAttachment && mimeType === "text/plain" && mail.text === undefined) mail.text = content.replace(/\r\n/g, "\n");
  else if (!isAttachment && mimeType === "text/html" && mail.html === undefined) mail.html = content.replace(/\r\n/g, "\n");
  else mail.attachments.push({ filename, contentType, content });
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  // The first delimiter may open the body; every later one follows a line break.
  const withLeadingBreak = `\r\n${body}`;
  const pieces = withLeadingBreak.split(`\r\n${delimiter}`);
  for (const piece of pieces.slice(1)) {
    if (piece.startsWith("--")) break;
    parts.push(piece.replace(/^[ \t]*\r\n/, ""));
  }
  return parts;
}

function decodeBody(body: string, transferEncoding: string | undefined, charset: string | undefined): string {
  const encoding = (transferEncoding ?? "7bit").trim().toLowerCase();
  let bytes: Buffer;
  if (encoding === "base64") bytes = Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ""), "base64");
  else if (encoding === "quoted-printable") bytes = quotedPrintable(body);
  else bytes = Buffer.from(body, "latin1");
  return new TextDecoder(charset ?? "utf-8").decode(bytes);
}

function quotedPrintable(body: string): Buffer {
  const soft = body.replace(/=\r\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(soft.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** `text/calendar; method=REQUEST; name="a b.ics"` → value and decoded parameters by lower-cased name (RFC 2231 continuations joined). */
function headerValue(header: string): { value: string; params: Record<string, string> } {
  const [value = "", ...rest] = splitOutsideQuotes(header, ";");
  const extended = new Map<string, { index: number; encoded: boolean; text: string }[]>();
  const params: Record<string, string> = {};
  for (const raw of rest) {
    const eq = raw.indexOf("=");
    if (eq === -1) continue;
    const name = raw.slice(0, eq).trim().toLowerCase();
    const text = raw.slice(eq + 1).trim().replace(/^"(.*)"$/s, "$1").replace(/\\(.)/g, "$1");
    const match = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(name);
    if (!match?.[1]) continue;
    if (match[2] === undefined && match[3] === undefined) {
      params[match[1]] = decodeWords(text);
      continue;
    }
    const pieces = extended.get(match[1]) ?? [];
    pieces.push({ index: Number(match[2] ?? 0), encoded: match[3] === "*", text });
    extended.set(match[1], pieces);
  }
  for (const [name, pieces] of extended) {
    pieces.sort((a, b) => a.index - b.index);
    let charset = "utf-8";
    const bytes: number[] = [];
    for (const [i, piece] of pieces.entries()) {
      let text = piece.text;
      if (piece.encoded && i === 0) {
        const [declared = "", , rest = ""] = text.split("'");
        charset = declared || charset;
        text = rest;
      }
      if (piece.encoded) bytes.push(...Buffer.from(decodeURIComponentBytes(text)));
      else bytes.push(...Buffer.from(text, "latin1"));
    }
    params[name] = new TextDecoder(charset).decode(Buffer.from(bytes));
  }
  return { value: value.trim().toLowerCase(), params };
}

function decodeURIComponentBytes(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === "%" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

function splitOutsideQuotes(value: string, separator: string): string[] {
  const parts = [""];
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? "";
    if (char === "\\" && quoted) {
      parts[parts.length - 1] += char + (value[i + 1] ?? "");
      i++;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) parts.push("");
    else parts[parts.length - 1] += char;
  }
  return parts;
}

/** RFC 2047 encoded words, in a header held as latin1 bytes; the bytes around them are UTF-8 (RFC 6532) or ASCII. */
function decodeWords(header: string): string {
  const joined = header.replace(/(\?=)\s+(=\?)/g, "$1$2");
  let decoded = "";
  let last = 0;
  for (const word of joined.matchAll(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g)) {
    const [whole, charset = "utf-8", encoding = "Q", text = ""] = word;
    decoded += utf8FromLatin1(joined.slice(last, word.index));
    const bytes = encoding.toUpperCase() === "B" ? Buffer.from(text, "base64") : quotedPrintable(text.replace(/_/g, " "));
    // RFC 2231 lets a charset carry a language: UTF-8*es.
    decoded += new TextDecoder(charset.split("*")[0]).decode(bytes);
    last = word.index + whole.length;
  }
  return decoded + utf8FromLatin1(joined.slice(last));
}

function utf8FromLatin1(text: string): string {
  return new TextDecoder("utf-8").decode(Buffer.from(text, "latin1"));
}
