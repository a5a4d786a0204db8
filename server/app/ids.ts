export { randomId as newId } from "@frontdesk/db";
