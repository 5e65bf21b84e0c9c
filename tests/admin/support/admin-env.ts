// Imported first by tests of the admin area: "@/env" reads these once, when first evaluated.
import "../../generation/support/model-env";

export const ADMIN_EMAIL = "instance-admin@example.test";
export const ADMIN_CONTACT = "help@ollio.example";
process.env.OLLIO_ADMIN_EMAILS = `${ADMIN_EMAIL}, second-admin@example.test`;
process.env.OLLIO_ADMIN_CONTACT = ADMIN_CONTACT;
