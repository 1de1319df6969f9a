/**
 * The whole change set cannot be collected (not a git repository, unknown ref, shallow clone
 * without the fork point, unreadable directory). `message` is one line the user can act on.
 * A single unreadable file never raises this: it gets a `note` instead.
 */
export class ChangesError extends Error {
  override name = 'ChangesError';
}
