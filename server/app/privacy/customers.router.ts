import { customerEraseInput, customerEraseOutput, customerExportInput, customerExportOutput } from "@frontdesk/core";
import { businessProcedure } from "../auth/procedures";
import { rest } from "../rest/meta";
import { router } from "../trpc";

/** One customer's personal data, for the business that holds it: another business's customer reads as not found. */
export const customersRouter = router({
  export: businessProcedure("customers:read")
    .meta(rest("GET", "/customers/export", "customers", "exportCustomer", "Everything held about one customer", "By customer id or e-mail address, as JSON."))
    .input(customerExportInput)
    .output(customerExportOutput)
    .query(({ ctx, input }) => ctx.app.privacy.export(ctx.tenant, input)),

  erase: businessProcedure("customers:write")
    .meta(rest("POST", "/customers/erase", "customers", "eraseCustomer", "Erase one customer's personal data", "Appointments are kept, anonymised; messages are removed."))
    .input(customerEraseInput)
    .output(customerEraseOutput)
    .mutation(({ ctx, input }) => ctx.app.privacy.erase(ctx.tenant, input)),
});
