import { auditExportInput, auditExportOutput, auditListInput, auditListOutput } from "@frontdesk/core";
import { businessProcedure } from "../auth/procedures";
import { router } from "../trpc";

const reader = businessProcedure("audit:read");

/** The business's audit log: who changed what, and who was refused. */
export const auditRouter = router({
  list: reader
    .input(auditListInput)
    .output(auditListOutput)
    .query(({ ctx, input }) => ctx.app.audit.list(ctx.tenant.id, input)),

  export: reader
    .input(auditExportInput)
    .output(auditExportOutput)
    .query(({ ctx, input }) => ctx.app.audit.export(ctx.tenant.id, input)),
});
