/** Thrown by a handler when trying again cannot help (a 403, a malformed job). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}
