import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { db } from "@/lib/db/client";
import { freePort } from "@/lib/free-port";
import { createSmtpMail } from "@/modules/mail/server/smtp-mail";
import { createInvitation } from "@/modules/teams/server/invitations";
import { tokenOf } from "./support/mail";
import { createSharedTeam } from "./support/team-fixture";

/** A real SMTP server on loopback (smtp-server, nodemailer's sibling) that keeps what it receives. */
type Received = { from: string; to: string[]; raw: string };
const received: Received[] = [];
let server: SMTPServer;
let url: string;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString()));
      stream.on("end", () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("invitations by SMTP (nodemailer)", () => {
  it("mails the link to the invited address and still returns it to copy", async () => {
    const { members: [owner] } = await createSharedTeam(db, ["OWNER"], { name: "Mailers" });
    const mail = createSmtpMail({ url, from: "Ollio <ollio@example.test>" });
    const sent = await createInvitation(db, owner!, { email: "dana@example.test", role: "MEMBER" }, { mail, baseUrl: "http://ollio.test" });

    expect(sent).toMatchObject({ mailed: true, mailError: null });
    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message).toMatchObject({ from: "ollio@example.test", to: ["dana@example.test"] });
    expect(message!.raw).toContain("Subject: Join Mailers on Ollio");
    // Quoted-printable may wrap long lines; undo soft breaks before looking for the token.
    expect(message!.raw.replace(/=\r?\n/g, "")).toContain(tokenOf(sent.link));
  });

  it("keeps the invitation and gives the link with a reason when the mail server cannot be reached", async () => {
    const { members: [owner] } = await createSharedTeam(db, ["OWNER"]);
    const mail = createSmtpMail({ url: `smtp://127.0.0.1:${await freePort()}`, from: "ollio@example.test" });
    const sent = await createInvitation(db, owner!, { email: "eve@example.test", role: "MEMBER" }, { mail, baseUrl: "http://ollio.test" });
    expect(sent).toMatchObject({ mailed: false, mailError: "The email could not be sent. Copy the link and send it yourself." });
    expect(await db.invitation.count({ where: { id: sent.id } })).toBe(1);
  });
});
