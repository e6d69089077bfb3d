/**
 * The errors every entry point may raise, and the one policy for what a user sees of them.
 * Expected errors carry a message meant for users; anything else is logged and hidden.
 */
export class AppError extends Error {
  readonly status: number = 500;
  readonly code: string = "INTERNAL";
}
export class NotSignedInError extends AppError {
  override readonly status = 401;
  override readonly code = "NOT_SIGNED_IN";
  constructor(message = "Please sign in.") { super(message); }
}
export class NotAMemberError extends AppError {
  override readonly status = 403;
  override readonly code = "NOT_A_MEMBER";
  constructor(message = "You are not a member of this organization.") { super(message); }
}
export class ForbiddenError extends AppError {
  override readonly status = 403;
  override readonly code = "FORBIDDEN";
  constructor(message = "Your role does not allow this.") { super(message); }
}
/** The organization requires two-factor sign-in of this member, who has not turned it on. */
export class TwoFactorRequiredError extends AppError {
  override readonly status = 403;
  override readonly code = "TWO_FACTOR_REQUIRED";
  constructor(organizationName: string) {
    super(`${organizationName} requires two-factor sign-in. Turn it on in Your account (/account), then come back.`);
  }
}
export class NotFoundError extends AppError {
  override readonly status = 404;
  override readonly code = "NOT_FOUND";
  constructor(message = "Not found.") { super(message); }
}
export class ConflictError extends AppError {
  override readonly status = 409;
  override readonly code = "CONFLICT";
  constructor(message: string, readonly details?: unknown) { super(message); }
}
export class ValidationError extends AppError {
  override readonly status = 422;
  override readonly code = "VALIDATION";
  constructor(message: string, readonly fieldErrors: Record<string, string[]> = {}) { super(message); }
}
export class TooManyRequestsError extends AppError {
  override readonly status = 429;
  override readonly code = "TOO_MANY_REQUESTS";
  constructor(message: string, readonly retryAfterSeconds: number) { super(message); }
}

/** What a server action returns: data, or a message with optional field errors. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]>; details?: unknown };

export function toActionError(err: unknown): Extract<ActionResult, { ok: false }> {
  if (err instanceof ValidationError) return { ok: false, code: err.code, message: err.message, fieldErrors: err.fieldErrors };
  if (err instanceof ConflictError) return { ok: false, code: err.code, message: err.message, details: err.details };
  if (err instanceof AppError) return { ok: false, code: err.code, message: err.message };
  console.error(err);
  return { ok: false, code: "INTERNAL", message: "Something went wrong on our side; nothing was saved. Please try again." };
}
