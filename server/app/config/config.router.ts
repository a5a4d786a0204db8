import {
  acknowledgedOutput,
  archiveServiceInput,
  archiveStaffInput,
  businessHoursInput,
  businessPolicies,
  clearDateOverrideInput,
  configOutput,
  createdOutput,
  dateOverrideConfig,
  holidayConfig,
  locationConfig,
  publishableKeyConfig,
  publishableKeyOutput,
  removeHolidayInput,
  removeLocationInput,
  removeTimeOffInput,
  revokePublishableKeyInput,
  serviceConfig,
  staffConfig,
  staffHoursInput,
  timeOffConfig,
} from "@frontdesk/core";
import { acknowledged, businessProcedure } from "../auth/procedures";
import { router } from "../trpc";

const reader = businessProcedure("config:read");
const writer = businessProcedure("config:write");
const keys = businessProcedure("keys:write");

/** The business's configuration, authorised by its secret key; every input is validated before anything is written. */
export const configRouter = router({
  get: reader.output(configOutput).query(({ ctx }) => ctx.app.config.get(ctx.tenant.id)),

  updatePolicies: writer
    .input(businessPolicies)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.updatePolicies(ctx.tenant.id, input))),

  saveService: writer
    .input(serviceConfig)
    .output(createdOutput)
    .mutation(({ ctx, input }) => ctx.app.config.saveService(ctx.tenant.id, input)),
  archiveService: writer
    .input(archiveServiceInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.archive(ctx.tenant.id, "service", input.id))),

  saveStaff: writer
    .input(staffConfig)
    .output(createdOutput)
    .mutation(({ ctx, input }) => ctx.app.config.saveStaff(ctx.tenant.id, input)),
  archiveStaff: writer
    .input(archiveStaffInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.archive(ctx.tenant.id, "staff", input.id))),

  setStaffHours: writer
    .input(staffHoursInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.setStaffHours(ctx.tenant.id, input.staffId, input.hours, input.locationId ?? null))),

  setBusinessHours: writer
    .input(businessHoursInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.setBusinessHours(ctx.tenant.id, input.hours, input.locationId ?? null))),

  saveLocation: writer
    .input(locationConfig)
    .output(createdOutput)
    .mutation(({ ctx, input }) => ctx.app.config.saveLocation(ctx.tenant.id, input)),
  removeLocation: writer
    .input(removeLocationInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.removeLocation(ctx.tenant.id, input.id))),

  setDateOverride: writer
    .input(dateOverrideConfig)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.setDateOverride(ctx.tenant.id, input))),
  clearDateOverride: writer
    .input(clearDateOverrideInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.clearDateOverride(ctx.tenant.id, input.staffId, input.date))),

  addTimeOff: writer
    .input(timeOffConfig)
    .output(createdOutput)
    .mutation(({ ctx, input }) => ctx.app.config.addTimeOff(ctx.tenant.id, input)),
  removeTimeOff: writer
    .input(removeTimeOffInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.removeTimeOff(ctx.tenant.id, input.id))),

  setHoliday: writer
    .input(holidayConfig)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.setHoliday(ctx.tenant.id, input))),
  removeHoliday: writer
    .input(removeHolidayInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.removeHoliday(ctx.tenant.id, input.date))),

  createPublishableKey: keys
    .input(publishableKeyConfig)
    .output(publishableKeyOutput)
    .mutation(({ ctx, input }) => ctx.app.config.createPublishableKey(ctx.tenant.id, input.allowedOrigins)),
  revokePublishableKey: keys
    .input(revokePublishableKeyInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.revokePublishableKey(ctx.tenant.id, input.key))),
});
