import { addDays, localDateOf, weekdayOf, zonedWallTimeToUtc, type MessageReason, type ToolArgs } from "@frontdesk/core";
import { toE164 } from "@frontdesk/core/phone";
import { forTenant, randomId, type CallerMessage, type Tenant } from "@frontdesk/db";
import type { SetupSnapshot, SetupSnapshots } from "../scheduling/setup-snapshot";
import { countryOf } from "./booking.tools";
import { answer } from "./phrases";
import type { ToolContext, ToolDeps, ToolResult } from "./tool-context";

/** A call back is due this long after the message while the business is open, or after it next opens. */
const callbackWhileOpenMs = 2 * 3_600_000;
const callbackAfterOpeningMs = 3_600_000;

/** Minutes after local midnight of `at` in the business's zone, with that day. */
function wallClockOf(at: number, timeZone: string) {
  const date = localDateOf(at, timeZone);
  return { date, minute: Math.floor((at - zonedWallTimeToUtc(date, 0, timeZone)) / 60_000) };
}

const covers = (row: { startMin: number | null; endMin: number | null }, minute: number) => row.startMin !== null && row.endMin !== null && row.startMin <= minute && minute < row.endMin;

/** Whether the business is open at `at`: its hours that weekday, less holidays. */
export function openAt(snapshot: SetupSnapshot, tenant: Tenant, at: number): boolean {
  const { date, minute } = wallClockOf(at, tenant.timeZone);
  if (!snapshot.businessHours().some((row) => row.weekday === weekdayOf(date) && covers(row, minute))) return false;
  return !snapshot.holidays(date, date).some((holiday) => holiday.startMin === null || covers(holiday, minute));
}

/** Whether someone can take a transferred call at `at`: the business is open and a staff member is working then. */
export function someoneOnDuty(snapshot: SetupSnapshot, tenant: Tenant, at: number): boolean {
  if (!openAt(snapshot, tenant, at)) return false;
  const { date, minute } = wallClockOf(at, tenant.timeZone);
  return snapshot.staff.some((member) => {
    const overrides = snapshot.dateOverrides([member.id], date, date);
    // A date override replaces the weekly hours that day; one without a range is a day off.
    if (overrides.length > 0) return overrides.some((row) => covers(row, minute));
    return snapshot.workingHours([member.id]).some((row) => row.weekday === weekdayOf(date) && covers(row, minute));
  });
}

/** The next instant the business opens after `at` (within a week), or undefined when it has no hours. */
function nextOpening(snapshot: SetupSnapshot, tenant: Tenant, at: number): number | undefined {
  const today = localDateOf(at, tenant.timeZone);
  for (let offset = 0; offset <= 7; offset++) {
    const date = addDays(today, offset);
    if (snapshot.holidays(date, date).some((holiday) => holiday.startMin === null)) continue;
    const starts = snapshot
      .businessHours()
      .filter((row) => row.weekday === weekdayOf(date))
      .map((row) => zonedWallTimeToUtc(date, row.startMin, tenant.timeZone))
      .filter((start) => start > at)
      .sort((x, y) => x - y);
    if (starts[0] !== undefined) return starts[0];
  }
  return undefined;
}

type CallbackRequest = { name: string; phoneE164: string | null; text: string; urgency?: "normal" | "urgent"; reason?: MessageReason };

/**
 * A second request of the same call added to its first message: both texts, the name the caller gave (a failed
 * transfer only knows a placeholder or the customer on file), the more urgent of the two, and the sooner callback.
 */
function mergedMessage(earlier: CallerMessage, next: CallbackRequest, dueAt: number) {
  return {
    name: next.reason === "transfer_unavailable" ? earlier.name : next.name,
    phoneE164: next.phoneE164 ?? earlier.phoneE164,
    message: earlier.message.includes(next.text) ? earlier.message : `${earlier.message}\n${next.text}`,
    urgency: earlier.urgency === "urgent" || next.urgency === "urgent" ? ("urgent" as const) : ("normal" as const),
    callbackDueAt: Math.min(earlier.callbackDueAt ?? dueAt, dueAt),
  };
}

/** `take_message` and `transfer_to_human`: a person gets back to the caller, now or later. */
export function messageTools({ db, now }: ToolDeps, setups: SetupSnapshots) {
  async function callback(context: ToolContext, message: CallbackRequest) {
    const { tenant, call } = context;
    const current = now();
    const snapshot = await setups.of(tenant.id);
    const open = snapshot ? openAt(snapshot, tenant, current) : true;
    const opening = snapshot && !open ? nextOpening(snapshot, tenant, current) : undefined;
    const dueAt = open || opening === undefined ? current + callbackWhileOpenMs : opening + callbackAfterOpeningMs;
    return db.transaction(async (tx) => {
      const scope = forTenant(tx, tenant.id);
      // One call leaves one callback: a message after a transfer that could not happen adds to the one it left.
      const earlier = call.providerCallId ? await scope.openCallerMessageOfCall(call.providerCallId) : undefined;
      if (earlier) {
        const merged = mergedMessage(earlier, message, dueAt);
        await scope.updateCallerMessage(earlier.id, merged);
        const approval = await scope.pendingApprovalOfMessage(earlier.id);
        return { messageId: earlier.id, approvalId: approval?.id, dueAt: merged.callbackDueAt };
      }
      const saved = await scope.addCallerMessage({
        id: randomId("msg"),
        providerCallId: call.providerCallId,
        name: message.name,
        phoneE164: message.phoneE164,
        message: message.text,
        urgency: message.urgency ?? "normal",
        reason: message.reason ?? (open ? "caller_asked" : "after_hours"),
        callbackDueAt: dueAt,
        createdAt: current,
      });
      const approval = await scope.addApproval({
        id: randomId("apr"),
        kind: "message",
        messageId: saved.id,
        providerCallId: call.providerCallId,
        toolInvocationId: context.invocationId,
        proposal: {},
        createdAt: current,
      });
      return { messageId: saved.id, approvalId: approval?.id, dueAt };
    });
  }

  const withIds = (ids: { messageId: string; approvalId: string | undefined }) => ({ messageId: ids.messageId, ...(ids.approvalId ? { approvalId: ids.approvalId } : {}) });

  return {
    async take_message(context: ToolContext, args: ToolArgs["take_message"]): Promise<ToolResult> {
      const { speak } = context;
      const phoneE164 = (args.phone ? toE164(args.phone, countryOf(context.call.to)) : undefined) ?? context.callerE164 ?? null;
      const saved = await callback(context, { name: args.name, phoneE164, text: args.message, ...(args.urgency ? { urgency: args.urgency } : {}) });
      const when = speak.relativeDay(saved.dueAt, now());
      return {
        answer: answer("MESSAGE_TAKEN", speak.say("messageTaken", { name: args.name.split(/\s+/)[0]!, when }), { callback_due: new Date(saved.dueAt).toISOString() }),
        ...withIds(saved),
      };
    },

    async transfer_to_human(context: ToolContext, args: ToolArgs["transfer_to_human"]): Promise<ToolResult> {
      const { tenant, speak, config } = context;
      const number = config.transferNumber;
      const valid = number !== null && toE164(number) === number;
      const snapshot = await setups.of(tenant.id);
      if (valid && snapshot && someoneOnDuty(snapshot, tenant, now())) {
        return { answer: answer("TRANSFER_OK", speak.say("transferOk"), { transfer_number: number }) };
      }
      const known = context.callerE164 ? await forTenant(db, tenant.id).customerByPhone(context.callerE164) : undefined;
      const saved = await callback(context, {
        name: known?.name ?? (speak.language === "es" ? "Llamante" : "Caller"),
        phoneE164: context.callerE164 ?? null,
        text: args.reason || (speak.language === "es" ? "Quería hablar con una persona." : "Asked to speak to a person."),
        reason: "transfer_unavailable",
      });
      const when = speak.relativeDay(saved.dueAt, now());
      return { answer: answer("TRANSFER_UNAVAILABLE", speak.say("transferUnavailable", { when }), { callback_due: new Date(saved.dueAt).toISOString() }), ...withIds(saved) };
    },
  };
}
