import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

export type ContentCoding = "br" | "gzip";

/** Below this a compressed answer saves less than a packet and costs a compression. */
const minimumBytes = 1024;
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** The coding to answer a request in: brotli or gzip as the `Accept-Encoding` header allows, brotli on a tie; none if neither. */
export function preferredCoding(acceptEncoding: string | null): ContentCoding | undefined {
  const weights = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    if (name) weights.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (name: string) => weights.get(name) ?? weights.get("*") ?? 0;
  const br = weight("br");
  const gz = Math.max(weight("gzip"), weights.get("x-gzip") ?? 0);
  if (br > 0 && br >= gz) return "br";
  return gz > 0 ? "gzip" : undefined;
}

/** An answer to send, with the bytes of its body when they were read (so they can be kept without reading them again). */
export interface PreparedAnswer {
  response: Response;
  body?: Uint8Array<ArrayBuffer>;
}

/**
 * A JSON answer compressed in the coding the request prefers. Streamed answers (tRPC's JSON lines), other types,
 * small bodies and already encoded ones pass through unchanged.
 */
export async function compressAnswer(request: Request, response: Response): Promise<PreparedAnswer> {
  const type = response.headers.get("content-type") ?? "";
  const streamed = response.headers.has("transfer-encoding");
  if (!response.body || streamed || response.headers.has("content-encoding") || !/^application\/json\b/.test(type)) return { response };
  const body = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  const init = { status: response.status, statusText: response.statusText, headers };
  if (body.byteLength < minimumBytes) return { response: new Response(body, init), body };
  // Whether the answer is compressed depends on the request's header: shared caches must key on it.
  headers.append("vary", "Accept-Encoding");
  const coding = preferredCoding(request.headers.get("accept-encoding"));
  if (!coding) return { response: new Response(body, init), body };
  const encoded = await encode(body, coding);
  headers.set("content-encoding", coding);
  headers.set("content-length", String(encoded.byteLength));
  const bytes = new Uint8Array(encoded.buffer as ArrayBuffer, encoded.byteOffset, encoded.byteLength);
  return { response: new Response(bytes, init), body: bytes };
}

function encode(body: Uint8Array, coding: ContentCoding): Promise<Buffer> {
  if (coding === "gzip") return gzipped(body);
  // Quality 4 compresses a month of slots about 27-fold in well under a millisecond; 11 would take hundreds.
  return brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } });
}
