export { FdSignIn } from "./sign-in/define";
export { FdAccount } from "./account/define";
export { FdBackOffice } from "./back-office/define";
export type { SignedInDetail } from "./sign-in/sign-in";
