import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "./auth-options";

/** The signed-in user's id from the next-auth session, or null. The only place that reads it. */
export async function getSessionUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  return typeof id === "string" ? id : null;
}
