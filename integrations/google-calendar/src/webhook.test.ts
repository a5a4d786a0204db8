import { FrontdeskError } from "@frontdesk/core";
import { describe, expect, it } from "vitest";
import { parseGooglePush, sameSecret } from "./webhook";

const push = {
  "X-Goog-Channel-ID": "chan-7d1f0c",
  "X-Goog-Channel-Token": "s3cret",
  "X-Goog-Channel-Expiration": "Tue, 23 Mar 2027 12:00:00 GMT",
  "X-Goog-Resource-ID": "ret08u3rv24htgh289g",
  "X-Goog-Resource-URI": "https://www.googleapis.com/calendar/v3/calendars/alice%40example.com/events?alt=json",
  "X-Goog-Resource-State": "exists",
  "X-Goog-Message-Number": "3",
};

const refusal = (headers: Record<string, string>) => {
  try {
    parseGooglePush(headers);
  } catch (error) {
    return error;
  }
  return expect.unreachable("it parsed");
};

describe("a Google push notification", () => {
  it("is read from its headers, as a Headers object or a Node header record", () => {
    const expected = {
      channelId: "chan-7d1f0c",
      token: "s3cret",
      resourceId: "ret08u3rv24htgh289g",
      resourceUri: "https://www.googleapis.com/calendar/v3/calendars/alice%40example.com/events?alt=json",
      resourceState: "exists",
      messageNumber: 3,
      expiresAt: Date.parse("2027-03-23T12:00:00Z"),
    };
    expect(parseGooglePush(new Headers(push))).toEqual(expected);
    expect(parseGooglePush(Object.fromEntries(Object.entries(push).map(([name, value]) => [name.toLowerCase(), value])))).toEqual(expected);
  });

  it("may come without a token or an expiration", () => {
    const { "X-Goog-Channel-Token": _token, "X-Goog-Channel-Expiration": _expiration, ...bare } = push;
    expect(parseGooglePush(bare)).toMatchObject({ token: null, expiresAt: null, resourceState: "exists" });
  });

  it("is refused, naming the header, when it is not one", () => {
    for (const [headers, field] of [
      [{ ...push, "X-Goog-Channel-ID": "" }, "x-goog-channel-id"],
      [{ ...push, "X-Goog-Resource-State": "update" }, "x-goog-resource-state"],
      [{ ...push, "X-Goog-Message-Number": "0" }, "x-goog-message-number"],
      [{ ...push, "X-Goog-Channel-Expiration": "next week" }, "x-goog-channel-expiration"],
    ] as const) {
      const error = refusal(headers);
      expect(error, field).toBeInstanceOf(FrontdeskError);
      expect(error).toMatchObject({ code: "VALIDATION_FAILED", field });
    }
    const { "X-Goog-Resource-ID": _resource, ...withoutResource } = push;
    expect(refusal(withoutResource)).toMatchObject({ field: "x-goog-resource-id" });
  });
});

describe("the channel token check", () => {
  it("holds only for the same secret", () => {
    expect(sameSecret("s3cret", "s3cret")).toBe(true);
    expect(sameSecret("s3creT", "s3cret")).toBe(false);
    expect(sameSecret("s3cret-and-more", "s3cret")).toBe(false);
    expect(sameSecret("", "s3cret")).toBe(false);
    expect(sameSecret(null, "s3cret")).toBe(false);
  });
});
