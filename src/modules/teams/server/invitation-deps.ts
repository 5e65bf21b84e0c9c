import { env } from "@/env";
import { getMail } from "@/modules/mail/server";
import type { InvitationDeps } from "./invitations";

/** Production wiring for invitations: the env-chosen mail adapter and APP_URL for links. */
export function defaultInvitationDeps(): InvitationDeps {
  return { mail: getMail(), baseUrl: env.APP_URL };
}
