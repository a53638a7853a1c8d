// The fixed stand-ins of the capture kit, shared by the sanitiser (bundled into the page) and the
// replay routes (plain Node). Plain JavaScript so both can import it.

export const STAND_IN = Object.freeze({
  person: 'Example Person',
  username: 'example-user',
  workspace: 'example-workspace',
  repository: 'example-repo',
  project: 'EXAMPLE',
  extra: 'redacted',
  token: 'example-token',
  secret: 'REDACTED-SECRET',
  emailDomain: 'example.invalid',
  /** 2 February 2001: day and month equal, so D/M and M/D orders read the same. A Friday (5). */
  date: Object.freeze({ year: 2001, month: 2, day: 2, weekday: 5 }),
});

/** What the replay serves as `https://bitbucket.org/!api/2.0/user`: the stand-in of the signed-in user. */
export const STAND_IN_USER = Object.freeze({
  type: 'user',
  username: STAND_IN.username,
  display_name: STAND_IN.person,
  account_id: '000000:00000000-0000-4000-8000-000000000001',
  uuid: '{00000000-0000-4000-8000-000000000001}',
});
