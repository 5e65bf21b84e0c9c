/** One plain email. */
export type MailMessage = { to: string; subject: string; text: string; html?: string };

/**
 * Sending mail. Two adapters: `copy-link` (the default: nothing is sent, the UI shows the link to
 * pass on by hand) and `smtp` (nodemailer, when SMTP_URL is set). Domain code gets a MailPort and
 * never imports an adapter.
 */
export interface MailPort {
  /** False when this adapter sends nothing (the caller must show the link instead). */
  readonly delivers: boolean;
  send(message: MailMessage): Promise<void>;
}
