import { customerEraseInput, customerEraseOutput, customerExportInput, customerExportOutput } from "@frontdesk/core";
import { businessProcedure } from "../auth/procedures";
import { router } from "../trpc";

/** One customer's personal data, for the business that holds it: another business's customer reads as not found. */
export const customersRouter = router({
  export: businessProcedure("customers:read")
    .input(customerExportInput)
    .output(customerExportOutput)
    .query(({ ctx, input }) => ctx.app.privacy.export(ctx.tenant, input)),

  erase: businessProcedure("customers:write")
    .input(customerEraseInput)
    .output(customerEraseOutput)
    .mutation(({ ctx, input }) => ctx.app.privacy.erase(ctx.tenant, input)),
});
