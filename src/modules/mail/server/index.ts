import { env } from "@/env";
import { createCopyLinkMail } from "./copy-link-mail";
import type { MailPort } from "./port";
import { createSmtpMail } from "./smtp-mail";

export type { MailMessage, MailPort } from "./port";

let mail: MailPort | undefined;

/** The mail adapter chosen by env: SMTP when SMTP_URL is set, else copyable links only. */
export function getMail(): MailPort {
  mail ??= env.SMTP_URL
    ? createSmtpMail({ url: env.SMTP_URL, from: env.SMTP_FROM ?? `Ollio <no-reply@${new URL(env.APP_URL).hostname}>` })
    : createCopyLinkMail();
  return mail;
}
