import {
  availableNumbersOutput,
  buyNumberInput,
  letterOfAuthorizationInput,
  letterOfAuthorizationOutput,
  numberHistoryOutput,
  numberIdInput,
  numberListInput,
  numberSearchInput,
  numberUsageInput,
  numberUsageOutput,
  operatorNumberInput,
  operatorPortingListInput,
  operatorPortingRequestInput,
  operatorPortingStatusInput,
  phoneNumberOutput,
  phoneNumbersOutput,
  portingRequestIdInput,
  portingRequestInput,
  portingRequestOutput,
  portingRequestsOutput,
  releaseNumberInput,
  releaseTokenOutput,
  updateNumberInput,
} from "@frontdesk/core";
import { businessProcedure, operatorProcedure } from "../auth/procedures";
import { rest } from "../rest/meta";
import { router } from "../trpc";

const reader = businessProcedure("numbers:read");
const writer = businessProcedure("numbers:write");

/** The business's phone numbers: search, buy, name, bind agents, release, usage; and porting its own numbers in. */
export const numbersRouter = router({
  search: reader
    .meta(rest("GET", "/numbers/available", "numbers", "searchNumbers", "Numbers for sale", "By country, type (local, toll_free, mobile), area code and pattern (digits, keypad letters, * for any digit)."))
    .input(numberSearchInput)
    .output(availableNumbersOutput)
    .query(({ ctx, input }) => ctx.app.numbers.search(ctx.tenant, input)),

  list: reader
    .meta(rest("GET", "/numbers", "numbers", "listNumbers", "The business's phone numbers", "Released numbers are left out unless `released` is true."))
    .input(numberListInput)
    .output(phoneNumbersOutput)
    .query(({ ctx, input }) => ctx.app.numbers.list(ctx.tenant, input.released)),

  get: reader
    .meta(rest("GET", "/numbers/{numberId}", "numbers", "getNumber", "One phone number"))
    .input(numberIdInput)
    .output(phoneNumberOutput)
    .query(({ ctx, input }) => ctx.app.numbers.get(ctx.tenant, input.numberId)),

  history: reader
    .meta(rest("GET", "/numbers/{numberId}/history", "numbers", "numberHistory", "Every status a number went through, and who moved it"))
    .input(numberIdInput)
    .output(numberHistoryOutput)
    .query(({ ctx, input }) => ctx.app.numbers.history(ctx.tenant, input.numberId)),

  usage: reader
    .meta(rest("GET", "/numbers/{numberId}/usage", "numbers", "numberUsage", "Calls, minutes and cost of a number", "Between two dates of the business (`from`, `to`, inclusive); the last 30 days by default."))
    .input(numberUsageInput)
    .output(numberUsageOutput)
    .query(({ ctx, input }) => ctx.app.numbers.usage(ctx.tenant, input)),

  buy: writer
    .meta(
      rest(
        "POST",
        "/numbers",
        "numbers",
        "buyNumber",
        "Buy a number and wire it to Retell",
        "Through Twilio (then imported into Retell over the account's SIP trunk) or through Retell. Safe to retry: a purchase that stopped half-way carries on, and nothing is bought twice.",
      ),
    )
    .input(buyNumberInput)
    .output(phoneNumberOutput)
    .mutation(({ ctx, input }) => ctx.app.numbers.buy(ctx.tenant, input)),

  update: writer
    .meta(rest("PATCH", "/numbers/{numberId}", "numbers", "updateNumber", "Name a number, bind its agents, activate or deactivate it", "Binding pins the agent's published version at Retell; `null` unbinds."))
    .input(updateNumberInput)
    .output(phoneNumberOutput)
    .mutation(({ ctx, input }) => ctx.app.numbers.update(ctx.tenant, input)),

  releaseToken: writer
    .meta(rest("POST", "/numbers/{numberId}/release-token", "numbers", "numberReleaseToken", "The confirmation a release needs", "Valid for ten minutes; send it back to release the number."))
    .input(numberIdInput)
    .output(releaseTokenOutput)
    .mutation(({ ctx, input }) => ctx.app.numbers.startRelease(ctx.tenant, input.numberId)),

  release: writer
    .meta(rest("POST", "/numbers/{numberId}/release", "numbers", "releaseNumber", "Release a number for good, at Retell and at Twilio", "`confirmation` is the release token, or the number itself, repeated."))
    .input(releaseNumberInput)
    .output(phoneNumberOutput)
    .mutation(({ ctx, input }) => ctx.app.numbers.release(ctx.tenant, input.numberId, input.confirmation)),

  portingRequests: reader
    .meta(rest("GET", "/porting", "numbers", "listPortingRequests", "The business's porting requests, with their history"))
    .output(portingRequestsOutput)
    .query(({ ctx }) => ctx.app.porting.list(ctx.tenant)),

  portingRequest: reader
    .meta(rest("GET", "/porting/{requestId}", "numbers", "getPortingRequest", "One porting request, with its history"))
    .input(portingRequestIdInput)
    .output(portingRequestOutput)
    .query(({ ctx, input }) => ctx.app.porting.get(ctx.tenant, input.requestId)),

  requestPorting: writer
    .meta(rest("POST", "/porting", "numbers", "requestPorting", "Port an existing number in", "Holds the number for the business (status `porting`) until the request is completed, rejected or cancelled."))
    .input(portingRequestInput)
    .output(portingRequestOutput)
    .mutation(({ ctx, input }) => ctx.app.porting.request(ctx.tenant, input)),

  uploadLetterOfAuthorization: writer
    .meta(rest("POST", "/porting/{requestId}/letter", "numbers", "uploadLetterOfAuthorization", "Upload the signed Letter of Authorization", "A PDF, PNG or JPEG, base64 in `data`, at most 700 kB. A draft request is then submitted."))
    .input(letterOfAuthorizationInput)
    .output(portingRequestOutput)
    .mutation(({ ctx, input }) => ctx.app.porting.uploadLetter(ctx.tenant, input)),

  cancelPorting: writer
    .meta(rest("POST", "/porting/{requestId}/cancel", "numbers", "cancelPorting", "Cancel a porting request", "The number held for it is let go."))
    .input(portingRequestIdInput)
    .output(portingRequestOutput)
    .mutation(({ ctx, input }) => ctx.app.porting.cancel(ctx.tenant, input.requestId)),
});

/** What this server's operators do with numbers: suspend and reinstate them; read porting requests and their letters, and move them on. */
export const operatorNumberProcedures = {
  suspendNumber: operatorProcedure
    .input(operatorNumberInput)
    .output(phoneNumberOutput)
    .mutation(({ ctx, input }) => ctx.app.numbers.suspend(input.businessId, input.numberId, true, input.note)),
  reinstateNumber: operatorProcedure
    .input(operatorNumberInput)
    .output(phoneNumberOutput)
    .mutation(({ ctx, input }) => ctx.app.numbers.suspend(input.businessId, input.numberId, false, input.note)),
  portingRequests: operatorProcedure
    .input(operatorPortingListInput)
    .output(portingRequestsOutput)
    .query(({ ctx, input }) => ctx.app.porting.operator.list(input.businessId)),
  letterOfAuthorization: operatorProcedure
    .input(operatorPortingRequestInput)
    .output(letterOfAuthorizationOutput)
    .query(({ ctx, input }) => ctx.app.porting.operator.letter(input.businessId, input.requestId)),
  setPortingStatus: operatorProcedure
    .input(operatorPortingStatusInput)
    .output(portingRequestOutput)
    .mutation(({ ctx, input }) => ctx.app.porting.operator.move(input.businessId, input.requestId, input.status, input.note)),
};
