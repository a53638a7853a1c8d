// Types of families.mjs.
export interface Family {
  title: string;
  /** Feature id whose host must recognise the create form (or show its fallback). */
  form?: string;
  /** The form feature's host also shows on the list page, with state `list`. */
  formOnList?: boolean;
  /** Feature id that marks the list's rows. */
  list?: string;
  /** Feature id whose host must be on the page. */
  banner?: string;
}
export const FAMILIES: Record<string, Family>;
export const HOST_STATES: string[];
export const URLS: {
  apiTokens: string;
  apiTokensDeepLink: string;
  repositoryAccessTokens(workspace: string, repo: string): string;
  projectAccessTokens(workspace: string, key: string): string;
  workspaceAccessTokens(workspace: string): string;
  appPasswords: string;
  appPasswordsNew: string;
  bitbucketApiTokens: string;
};
