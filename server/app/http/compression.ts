import { promisify } from "node:util";
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync, type BrotliOptions, type ZlibOptions } from "node:zlib";

export type ContentCoding = "br" | "gzip";

/** Below this a compressed answer saves less than a packet and costs a compression. */
const minimumBytes = 1024;
/**
 * Up to this size an answer is compressed on the event loop: a month of slots takes about a tenth of a millisecond,
 * half the CPU of handing it to the thread pool and back. Larger ones go to the pool rather than hold up other requests.
 */
const maxInlineBytes = 128 * 1024;
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** The coding to answer a request in: brotli or gzip as the `Accept-Encoding` header allows, brotli on a tie; none if neither. */
export function preferredCoding(acceptEncoding: string | null): ContentCoding | undefined {
  if (!acceptEncoding) return undefined;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
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

/** An answer whose body was read: its status, headers and the bytes to send (compressed or not), so it can be kept as sent. */
export interface ReadAnswer {
  status: number;
  headers: Headers;
  body: Uint8Array<ArrayBuffer>;
}

/**
 * A JSON answer read and compressed in the coding the request prefers. Streamed answers (tRPC's JSON lines), other
 * types and already encoded ones come back as the response they were, unread; small bodies are read but sent as they are.
 */
export async function compressAnswer(request: Request, response: Response): Promise<Response | ReadAnswer> {
  const type = response.headers.get("content-type") ?? "";
  const streamed = response.headers.has("transfer-encoding");
  if (!response.body || streamed || response.headers.has("content-encoding") || !/^application\/json\b/.test(type)) return response;
  const body = await bytesOf(response.body);
  const headers = new Headers(response.headers);
  if (body.byteLength < minimumBytes) return { status: response.status, headers, body };
  // Whether the answer is compressed depends on the request's header: shared caches must key on it.
  headers.append("vary", "Accept-Encoding");
  const coding = preferredCoding(request.headers.get("accept-encoding"));
  if (!coding) return { status: response.status, headers, body };
  const encoded = await encode(body, coding);
  headers.set("content-encoding", coding);
  headers.set("content-length", String(encoded.byteLength));
  return { status: response.status, headers, body: new Uint8Array(encoded.buffer as ArrayBuffer, encoded.byteOffset, encoded.byteLength) };
}

/** The body's bytes as they come: a JSON answer is one chunk, which `arrayBuffer()` would copy once more, at twice the CPU. */
async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    chunks.push(read.value);
    size += read.value.byteLength;
  }
  if (chunks.length === 1 && chunks[0]!.buffer instanceof ArrayBuffer) return chunks[0] as Uint8Array<ArrayBuffer>;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

// Brotli quality 2 compresses a month of slots about 22-fold in a tenth of a millisecond; quality 4 gains a few
// hundred bytes for twice the time, 11 would take hundreds of milliseconds. Gzip level 3 likewise, against its default 6.
const brotliOptions = (size: number): BrotliOptions => ({ params: { [constants.BROTLI_PARAM_QUALITY]: 2, [constants.BROTLI_PARAM_SIZE_HINT]: size } });
const gzipOptions: ZlibOptions = { level: 3 };

async function encode(body: Uint8Array, coding: ContentCoding): Promise<Buffer> {
  const inline = body.byteLength <= maxInlineBytes;
  if (coding === "gzip") return inline ? gzipSync(body, gzipOptions) : gzipped(body, gzipOptions);
  return inline ? brotliCompressSync(body, brotliOptions(body.byteLength)) : brotli(body, brotliOptions(body.byteLength));
}
