/** What to call a user when they gave no name: the part of their email before the @. */
export function displayNameOf(user: { name?: string | null; email: string }): string {
  return user.name?.trim() || user.email.split("@")[0] || user.email;
}
