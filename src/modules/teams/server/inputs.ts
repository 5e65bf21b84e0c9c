import { z } from "zod";

export const teamNameSchema = z
  .string()
  .trim()
  .min(1, "Give the team a name.")
  .max(60, "Team names can be at most 60 characters.");

export const roleSchema = z.enum(["OWNER", "ADMIN", "MEMBER"], { message: "Choose a role: owner, admin or member." });

export const inviteEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address." }).max(254, "That email address is too long."));

/** A monthly cap in credits, or null for none. */
export const creditCapSchema = z
  .number({ message: "Enter a whole number of credits." })
  .int("Enter a whole number of credits.")
  .min(0, "A cap cannot be negative.")
  .max(1_000_000, "That cap is too large.")
  .nullable();

/** base64url of 32 random bytes, as invitation links carry it. */
export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This invitation link is not valid.");
