import { FrontdeskError } from "@frontdesk/core";
import { describe, expect, it } from "vitest";
import { clientStateMatches, graphValidationAnswer, parseGraphNotifications } from "./webhook";

describe("Graph's validation handshake", () => {
  it("answers with the token decoded, as plain text", () => {
    const token = "Validation: Testing client application reachability for subscription Request-Id: 9f0c&x=1";
    const url = `/webhooks/microsoft/calendar?connection=c1&${new URLSearchParams({ validationToken: token })}`;
    expect(url).toContain("Validation%3A+Testing");
    expect(graphValidationAnswer(url)).toEqual({ status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: token });
    expect(graphValidationAnswer(new URL(`https://frontdesk.example${url}`))?.body).toBe(token);
  });

  it("is not one when the URL has no validationToken", () => {
    expect(graphValidationAnswer("/webhooks/microsoft/calendar?connection=c1")).toBeNull();
  });
});

describe("Graph's notifications", () => {
  const change = {
    subscriptionId: "7f105c7d-2dc5-4530-97cd-4e7ae6534c07",
    subscriptionExpirationDateTime: "2027-03-04T08:00:00.0000000Z",
    changeType: "updated",
    resource: "Users/2b1c…/Events/AAMkAD…=",
    resourceData: { "@odata.type": "#Microsoft.Graph.Event", "@odata.id": "Users/2b1c…/Events/AAMkAD…=", "@odata.etag": 'W/"DwAAABYAAAA"', id: "AAMkAD…=" },
    clientState: "s3cret",
    tenantId: "84bd8158-6d4d-4958-8b9f-9d6445542f95",
  };

  it("reads a batch of change and lifecycle notifications", () => {
    const lifecycle = { subscriptionId: change.subscriptionId, subscriptionExpirationDateTime: change.subscriptionExpirationDateTime, tenantId: change.tenantId, clientState: "s3cret", lifecycleEvent: "subscriptionRemoved" };
    expect(parseGraphNotifications(JSON.stringify({ value: [change, lifecycle] }))).toEqual([
      {
        kind: "change",
        subscriptionId: change.subscriptionId,
        clientState: "s3cret",
        subscriptionExpiresAt: Date.parse("2027-03-04T08:00:00Z"),
        tenantId: change.tenantId,
        changeType: "updated",
        resource: change.resource,
        resourceId: "AAMkAD…=",
      },
      { kind: "lifecycle", subscriptionId: change.subscriptionId, clientState: "s3cret", subscriptionExpiresAt: Date.parse("2027-03-04T08:00:00Z"), tenantId: change.tenantId, lifecycleEvent: "subscriptionRemoved" },
    ]);
  });

  it.each([
    ["not JSON", "{"],
    ["no value", JSON.stringify({ subscriptionId: "x" })],
    ["an empty batch", JSON.stringify({ value: [] })],
    ["an unknown change type", JSON.stringify({ value: [{ ...change, changeType: "moved" }] })],
    ["an unknown lifecycle event", JSON.stringify({ value: [{ subscriptionId: "x", lifecycleEvent: "renewed" }] })],
  ])("refuses %s", (_, body) => {
    expect(() => parseGraphNotifications(body)).toThrow(FrontdeskError);
  });

  it("compares the client state in full", () => {
    expect(clientStateMatches("s3cret", "s3cret")).toBe(true);
    expect(clientStateMatches("s3cret", "s3cre")).toBe(false);
    expect(clientStateMatches("s3cret", "s3creT")).toBe(false);
    expect(clientStateMatches("s3cret", null)).toBe(false);
  });
});
