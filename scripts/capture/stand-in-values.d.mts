// Types of stand-in-values.mjs (plain JavaScript so the replay routes can import it from Node).
export const STAND_IN: {
  readonly person: string;
  readonly username: string;
  readonly workspace: string;
  readonly repository: string;
  readonly project: string;
  readonly extra: string;
  readonly token: string;
  readonly secret: string;
  readonly emailDomain: string;
  readonly date: {
    readonly year: number;
    readonly month: number;
    readonly day: number;
    readonly weekday: number;
  };
};
export const STAND_IN_USER: {
  readonly type: 'user';
  readonly username: string;
  readonly display_name: string;
  readonly account_id: string;
  readonly uuid: string;
};
