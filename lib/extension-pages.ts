// Where our own pages open, shared by the code that opens them and the pages themselves.

/** The options page's "Start here" section (docs/evidence/browsers.md#management-getself). */
export const START_HERE_HASH = '#start';
