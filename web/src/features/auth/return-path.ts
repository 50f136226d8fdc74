// Where a person goes once signed in: the page that sent them to the sign-in screen (a link from an
// inbox message, the room's QR code …), carried as ?redirect= through the first sign-in's steps (the
// initial password and the TOTP enrolment) so those steps do not lose it. Only a same-origin relative
// path is followed: never '//host', '/\host', a scheme, or anything with a control character or a
// backslash (a browser drops tabs and newlines, so '/\t/host' would become '//host'); and never a sign-in
// step itself, which would go round in circles.
const SIGN_IN_STEPS = /^\/(?:login|setup)(?:[/?#]|$)/;

export function returnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  if (!value.startsWith('/') || value.startsWith('//')) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  if (value === '/' || SIGN_IN_STEPS.test(value)) return undefined;
  return value;
}

/** The ?redirect= query to carry onward (none when there is nowhere to return to). */
export function redirectQuery(value: unknown): { redirect?: string } {
  const path = returnPath(value);
  return path ? { redirect: path } : {};
}
