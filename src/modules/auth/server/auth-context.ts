/** Who is calling: the same shape whether the user signed in locally or through Clerk. */
export type AuthContext = {
  userId: string;
  /** The team the user is acting for (their personal team unless they switched). */
  teamId: string;
};
