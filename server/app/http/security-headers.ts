/** How long browsers keep to HTTPS once they have seen this server over it: a year. */
const hstsMaxAgeSeconds = 365 * 86_400;

/**
 * Headers every answer carries. The manage page has a credential in its address, so no page of ours sends a
 * referrer; HSTS only when the server is reached over HTTPS (its public URL says so, or the request came that way).
 */
export function securityHeaders(request: Request, publicUrl: string | undefined): Record<string, string> {
  const https =
    // Every answer asks; the scheme is all that is needed of the request's URL, so it is not parsed whole.
    publicUrl?.startsWith("https:") || /^https:/i.test(request.url) || request.headers.get("x-forwarded-proto") === "https";
  return {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    ...(https ? { "strict-transport-security": `max-age=${hstsMaxAgeSeconds}` } : {}),
  };
}

/** The manage page's policy: its own script and API only, and never inside another site's frame. */
export const managePagePolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  // Lit falls back to <style> elements where constructable stylesheets are missing; the page has one of its own.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The back office's policy: the manage page's, the pictures people give as their avatar (any https address), and the
 * call recordings the call log fetches into blob: URLs for its player. Its scripts and API calls stay on this server,
 * and it is never framed: the session cookie acts there.
 */
export const backOfficePolicy = `${managePagePolicy.replace("img-src 'self' data:", "img-src 'self' data: https:")}; media-src blob:`;

/** The headers of a page the server serves itself: HTML, never cached, its own policy, never framed. */
export function ownPageHeaders(policy: string): Record<string, string> {
  return {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": policy,
    // For browsers that predate frame-ancestors.
    "x-frame-options": "DENY",
  };
}
