import type { AgentConfig, ToolAnswer } from "@frontdesk/core";
import type { Agent, Db, Tenant, TenantWriteScope } from "@frontdesk/db";
import type { ToolCall } from "@frontdesk/retell";
import type { LifecycleService } from "../appointments/lifecycle.service";
import type { BookingService } from "../booking/booking.service";
import type { Speaker } from "./phrases";

export interface ToolDeps {
  db: Db;
  now: () => number;
  booking: BookingService;
  lifecycle: LifecycleService;
}

/** One tool call as a tool sees it: whose agent, which call, and how to speak. */
export interface ToolContext {
  tenant: Tenant;
  agent: Agent;
  /** The agent's configuration as published (or its draft, before its first release). */
  config: AgentConfig;
  call: ToolCall;
  /** The caller's number in E.164, if the provider told a valid one. */
  callerE164: string | undefined;
  /** Our `tool_invocations` row for this call: approvals link to it. */
  invocationId: string;
  argsHash: string;
  /**
   * Claims this tool call inside the tool's own transaction (call it first there): it throws, rolling the write back,
   * when another attempt of the same call claimed it. A no-op for tools claimed before they run.
   */
  claim: (scope: TenantWriteScope) => Promise<void>;
  /** Records the tool's answer in that same transaction, after `claim`: the call then needs no write of its own. */
  answered: (scope: TenantWriteScope, result: ToolResult) => Promise<void>;
  speak: Speaker;
}

/** What a tool did: the answer, and the rows it made for the call's timeline. */
export interface ToolResult {
  answer: ToolAnswer;
  appointmentId?: string;
  approvalId?: string;
  messageId?: string;
}
