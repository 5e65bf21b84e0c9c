import type { MailMessage } from "@/modules/mail/server/port";

const day = new Intl.DateTimeFormat("en", { month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });

/** The invitation email: plain text first (it is what most clients preview), with a simple HTML twin. */
export function invitationMail({ to, teamName, inviter, link, expiresAt }: { to: string; teamName: string; inviter: string; link: string; expiresAt: Date }): MailMessage {
  const until = day.format(expiresAt);
  const text = `${inviter} invited you to join ${teamName} on Ollio.\n\nAccept the invitation: ${link}\n\nSign in or sign up with ${to} to accept. The link works once and expires on ${until}.`;
  const html = `<p>${escape(inviter)} invited you to join <strong>${escape(teamName)}</strong> on Ollio.</p>
<p><a href="${escape(link)}">Accept the invitation</a></p>
<p>Sign in or sign up with ${escape(to)} to accept. The link works once and expires on ${until}.</p>`;
  return { to, subject: `Join ${teamName} on Ollio`, text, html };
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
