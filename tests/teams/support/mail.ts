import type { MailMessage, MailPort } from "@/modules/mail/server/port";
import { createCopyLinkMail } from "@/modules/mail/server/copy-link-mail";
import type { InvitationDeps } from "@/modules/teams/server/invitations";

/** Invitation deps as production wires them without SMTP: copyable links only. */
export const copyLinkDeps: InvitationDeps = { mail: createCopyLinkMail(), baseUrl: "http://ollio.test" };

/** The token at the end of an invitation link. */
export function tokenOf(link: string): string {
  return new URL(link).pathname.split("/").pop()!;
}

export type { MailMessage, MailPort };
