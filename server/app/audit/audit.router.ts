import { auditExportInput, auditExportOutput, auditListInput, auditListOutput } from "@frontdesk/core";
import { businessProcedure } from "../auth/procedures";
import { rest } from "../rest/meta";
import { router } from "../trpc";

const reader = businessProcedure("audit:read");

/** The business's audit log: who changed what, and who was refused. */
export const auditRouter = router({
  list: reader
    .meta(rest("GET", "/audit/entries", "audit", "listAuditEntries", "The audit log, newest first, a page at a time"))
    .input(auditListInput)
    .output(auditListOutput)
    .query(({ ctx, input }) => ctx.app.audit.list(ctx.tenant.id, input)),

  export: reader
    .meta(rest("GET", "/audit/export", "audit", "exportAuditLog", "The audit log of a time range, as JSON lines or CSV"))
    .input(auditExportInput)
    .output(auditExportOutput)
    .query(({ ctx, input }) => ctx.app.audit.export(ctx.tenant.id, input)),
});
