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
import { requireOwnStaff } from "../auth/principal";
import { acknowledged, businessProcedure, ownScheduleProcedure } from "../auth/procedures";
import { rest } from "../rest/meta";
import { router } from "../trpc";

const reader = businessProcedure("config:read");
const writer = businessProcedure("config:write");
const keys = businessProcedure("keys:write");
/** One staff member's hours, dates and time off: a staff-role member changes their own only. */
const schedule = ownScheduleProcedure();

/** The business's configuration, authorised by its secret key; every input is validated before anything is written. */
export const configRouter = router({
  get: reader
    .meta(rest("GET", "/config", "config", "getConfig", "The whole configuration"))
    .output(configOutput)
    .query(({ ctx }) => ctx.app.config.get(ctx.tenant.id)),

  updatePolicies: writer
    .meta(rest("PATCH", "/config/policies", "config", "updatePolicies", "Change the business's name, zone and booking policies", "Only the fields sent change."))
    .input(businessPolicies)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.updatePolicies(ctx.tenant.id, input))),

  saveService: writer
    .meta(rest("POST", "/config/services", "config", "saveService", "Add a service, or change the one whose id is sent"))
    .input(serviceConfig)
    .output(createdOutput)
    .mutation(({ ctx, input }) => ctx.app.config.saveService(ctx.tenant.id, input)),
  archiveService: writer
    .meta(rest("DELETE", "/config/services/{id}", "config", "archiveService", "Stop offering a service", "Its past and booked appointments stay."))
    .input(archiveServiceInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.archive(ctx.tenant.id, "service", input.id))),

  saveStaff: writer
    .meta(rest("POST", "/config/staff", "config", "saveStaff", "Add a staff member, or change the one whose id is sent"))
    .input(staffConfig)
    .output(createdOutput)
    .mutation(({ ctx, input }) => ctx.app.config.saveStaff(ctx.tenant.id, input)),
  archiveStaff: writer
    .meta(rest("DELETE", "/config/staff/{id}", "config", "archiveStaff", "Stop booking a staff member", "Their past and booked appointments stay."))
    .input(archiveStaffInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.archive(ctx.tenant.id, "staff", input.id))),

  setStaffHours: schedule
    .meta(rest("PUT", "/config/staff/{staffId}/hours", "config", "setStaffHours", "Replace a staff member's weekly hours"))
    .input(staffHoursInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input, path }) => {
      requireOwnStaff(ctx.principal, input.staffId, path);
      return acknowledged(ctx.app.config.setStaffHours(ctx.tenant.id, input.staffId, input.hours, input.locationId ?? null));
    }),

  setBusinessHours: writer
    .meta(rest("PUT", "/config/business-hours", "config", "setBusinessHours", "Replace the business's (or a location's) opening hours"))
    .input(businessHoursInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.setBusinessHours(ctx.tenant.id, input.hours, input.locationId ?? null))),

  saveLocation: writer
    .meta(rest("POST", "/config/locations", "config", "saveLocation", "Add a location, or change the one whose id is sent"))
    .input(locationConfig)
    .output(createdOutput)
    .mutation(({ ctx, input }) => ctx.app.config.saveLocation(ctx.tenant.id, input)),
  removeLocation: writer
    .meta(rest("DELETE", "/config/locations/{id}", "config", "removeLocation", "Remove a location"))
    .input(removeLocationInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.removeLocation(ctx.tenant.id, input.id))),

  setDateOverride: schedule
    .meta(rest("PUT", "/config/staff/{staffId}/dates/{date}", "config", "setDateOverride", "Set a staff member's hours on one date", "Empty ranges: not working that day."))
    .input(dateOverrideConfig)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input, path }) => {
      requireOwnStaff(ctx.principal, input.staffId, path);
      return acknowledged(ctx.app.config.setDateOverride(ctx.tenant.id, input));
    }),
  clearDateOverride: schedule
    .meta(rest("DELETE", "/config/staff/{staffId}/dates/{date}", "config", "clearDateOverride", "Go back to the weekly hours on one date"))
    .input(clearDateOverrideInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input, path }) => {
      requireOwnStaff(ctx.principal, input.staffId, path);
      return acknowledged(ctx.app.config.clearDateOverride(ctx.tenant.id, input.staffId, input.date));
    }),

  addTimeOff: schedule
    .meta(rest("POST", "/config/time-off", "config", "addTimeOff", "Add time off for a staff member"))
    .input(timeOffConfig)
    .output(createdOutput)
    .mutation(({ ctx, input, path }) => {
      requireOwnStaff(ctx.principal, input.staffId, path);
      return ctx.app.config.addTimeOff(ctx.tenant.id, input);
    }),
  removeTimeOff: schedule
    .meta(rest("DELETE", "/config/time-off/{id}", "config", "removeTimeOff", "Remove time off"))
    .input(removeTimeOffInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input, path }) =>
      acknowledged(ctx.app.config.removeTimeOff(ctx.tenant.id, input.id, (staffId) => requireOwnStaff(ctx.principal, staffId, path, "id"))),
    ),

  setHoliday: writer
    .meta(rest("PUT", "/config/holidays/{date}", "config", "setHoliday", "Close on a date, or open at special hours"))
    .input(holidayConfig)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.setHoliday(ctx.tenant.id, input))),
  removeHoliday: writer
    .meta(rest("DELETE", "/config/holidays/{date}", "config", "removeHoliday", "Remove a holiday"))
    .input(removeHolidayInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.config.removeHoliday(ctx.tenant.id, input.date))),

  createPublishableKey: keys
    .meta(rest("POST", "/keys/publishable", "keys", "createPublishableKey", "Make a publishable key for web pages on the origins given"))
    .input(publishableKeyConfig)
    .output(publishableKeyOutput)
    .mutation(({ ctx, input }) => ctx.app.keys.createPublishableKey(ctx.tenant.id, input.allowedOrigins)),
  revokePublishableKey: keys
    .meta(rest("POST", "/keys/publishable/{key}/revoke", "keys", "revokePublishableKey", "Revoke a publishable key"))
    .input(revokePublishableKeyInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.keys.revokePublishableKey(ctx.tenant.id, input.key))),
});
