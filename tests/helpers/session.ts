/** The session the server code sees in integration tests. */
let userId: string | null = null;

export function signInAs(id: string | null): void {
  userId = id;
}
export function signOut(): void {
  userId = null;
}
export function currentTestUserId(): string | null {
  return userId;
}
