import type { MailPort } from "./port";

/** Without SMTP_URL: sends nothing. Invitations show their link for the inviter to copy instead. */
export function createCopyLinkMail(): MailPort {
  return { delivers: false, send: async () => {} };
}
