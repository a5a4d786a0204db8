import { z } from "zod";
import {
  businessPolicies,
  dateOverrideConfig,
  holidayConfig,
  localDateSchema,
  locationConfig,
  publishableKeyConfig,
  serviceConfig,
  staffConfig,
  timeOffConfig,
  weeklyHours,
} from "@frontdesk/core";
import { router, secretProcedure } from "../trpc";

const ok = z.object({ ok: z.literal(true) });
const done = { ok: true as const };

/** The business's configuration, authorised by its secret key; every input is validated before anything is written. */
export const configRouter = router({
  get: secretProcedure.query(({ ctx }) => ctx.app.config.get(ctx.tenantId)),

  updatePolicies: secretProcedure
    .input(businessPolicies)
    .output(ok)
    .mutation(async ({ ctx, input }) => (await ctx.app.config.updatePolicies(ctx.tenantId, input), done)),

  saveService: secretProcedure.input(serviceConfig).mutation(({ ctx, input }) => ctx.app.config.saveService(ctx.tenantId, input)),
  archiveService: secretProcedure
    .input(z.object({ id: z.string().min(1) }))
    .output(ok)
    .mutation(async ({ ctx, input }) => (await ctx.app.config.archive(ctx.tenantId, "service", input.id), done)),

  saveStaff: secretProcedure.input(staffConfig).mutation(({ ctx, input }) => ctx.app.config.saveStaff(ctx.tenantId, input)),
  archiveStaff: secretProcedure
    .input(z.object({ id: z.string().min(1) }))
    .output(ok)
    .mutation(async ({ ctx, input }) => (await ctx.app.config.archive(ctx.tenantId, "staff", input.id), done)),

  setStaffHours: secretProcedure
    .input(z.object({ staffId: z.string().min(1), hours: weeklyHours, locationId: z.string().min(1).optional() }))
    .output(ok)
    .mutation(async ({ ctx, input }) => (await ctx.app.config.setStaffHours(ctx.tenantId, input.staffId, input.hours, input.locationId ?? null), done)),

  setBusinessHours: secretProcedure
    .input(z.object({ hours: weeklyHours, locationId: z.string().min(1).optional() }))
    .output(ok)
    .mutation(async ({ ctx, input }) => (await ctx.app.config.setBusinessHours(ctx.tenantId, input.hours, input.locationId ?? null), done)),

  saveLocation: secretProcedure.input(locationConfig).mutation(({ ctx, input }) => ctx.app.config.saveLocation(ctx.tenantId, input)),
  removeLocation: secretProcedure
    .input(z.object({ id: z.string().min(1) }))
    .output(ok)
    .mutation(async ({ ctx, input }) => (await ctx.app.config.removeLocation(ctx.tenantId, input.id), done)),

  setDateOverride: secretProcedure
    .input(dateOverrideConfig)
    .output(ok)
    .mutation(async ({ ctx, input }) => (await ctx.app.config.setDateOverride(ctx.tenantId, input), done)),
  clearDateOverride: secretProcedure
    .input(z.object({ staffId: z.string().min(1), date: localDateSchema }))
    .output(ok)
    .mutation(async ({ ctx, input }) => (await ctx.app.config.clearDateOverride(ctx.tenantId, input.staffId, input.date), done)),

  addTimeOff: secretProcedure.input(timeOffConfig).mutation(({ ctx, input }) => ctx.app.config.addTimeOff(ctx.tenantId, input)),
  removeTimeOff: secretProcedure
    .input(z.object({ id: z.string().min(1) }))
    .output(ok)
    .mutation(async ({ ctx, input }) => (await ctx.app.config.removeTimeOff(ctx.tenantId, input.id), done)),

  setHoliday: secretProcedure
    .input(holidayConfig)
    .output(ok)
    .mutation(async ({ ctx, input }) => (await ctx.app.config.setHoliday(ctx.tenantId, input), done)),
  removeHoliday: secretProcedure
    .input(z.object({ date: localDateSchema }))
    .output(ok)
    .mutation(async ({ ctx, input }) => (await ctx.app.config.removeHoliday(ctx.tenantId, input.date), done)),

  createPublishableKey: secretProcedure
    .input(publishableKeyConfig)
    .mutation(({ ctx, input }) => ctx.app.config.createPublishableKey(ctx.tenantId, input.allowedOrigins)),
  revokePublishableKey: secretProcedure
    .input(z.object({ key: z.string().min(1) }))
    .output(ok)
    .mutation(async ({ ctx, input }) => (await ctx.app.config.revokePublishableKey(ctx.tenantId, input.key), done)),
});
