import {
  acknowledgedOutput,
  businessIdInput,
  operatorBusinessesOutput,
  operatorPageInput,
  operatorPeopleOutput,
  operatorUsageOutput,
  personIdInput,
} from "@frontdesk/core";
import { acknowledged, operatorProcedure } from "../auth/procedures";
import { operatorNumberProcedures } from "../numbers/numbers.router";
import { router } from "../trpc";

/** The people who run this server (`FRONTDESK_ADMIN_EMAILS`): every business and person, usage, suspension. */
export const operatorsRouter = router({
  usage: operatorProcedure.output(operatorUsageOutput).query(({ ctx }) => ctx.app.operators.usage()),
  businesses: operatorProcedure.input(operatorPageInput).output(operatorBusinessesOutput).query(({ ctx, input }) => ctx.app.operators.businesses(input)),
  people: operatorProcedure.input(operatorPageInput).output(operatorPeopleOutput).query(({ ctx, input }) => ctx.app.operators.people(input)),
  suspendBusiness: operatorProcedure
    .input(businessIdInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.operators.suspendBusiness(input.businessId, true))),
  reactivateBusiness: operatorProcedure
    .input(businessIdInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.operators.suspendBusiness(input.businessId, false))),
  suspendPerson: operatorProcedure
    .input(personIdInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.operators.suspendPerson(input.userId, true))),
  reactivatePerson: operatorProcedure
    .input(personIdInput)
    .output(acknowledgedOutput)
    .mutation(({ ctx, input }) => acknowledged(ctx.app.operators.suspendPerson(input.userId, false))),
  // Phone numbers: suspension, and porting requests (operators review the letters and move the requests on).
  ...operatorNumberProcedures,
});
