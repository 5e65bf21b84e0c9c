import nodemailer from "nodemailer";
import type { MailPort } from "./port";

/**
 * Mail through any SMTP server, e.g. `smtps://user:pass@smtp.example.com:465` or
 * `smtp://localhost:1025` (a local catcher). nodemailer reads host, port, TLS and credentials
 * from the URL.
 */
export function createSmtpMail({ url, from }: { url: string; from: string }): MailPort {
  const transport = nodemailer.createTransport(url);
  return {
    delivers: true,
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}
