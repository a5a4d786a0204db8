import { eq } from "drizzle-orm";
import { ormOf, type Writer } from "../client";
import { serverSettings } from "../schema/tenants";

/** A server-wide value (such as the key that signs manage links): the stored one, or `create`'s, stored now. */
export async function keepServerSetting(writer: Writer, key: string, create: () => string): Promise<string> {
  const orm = ormOf(writer);
  const [existing] = await orm.select().from(serverSettings).where(eq(serverSettings.key, key));
  if (existing) return existing.value;
  const value = create();
  await orm.insert(serverSettings).values({ key, value });
  return value;
}
