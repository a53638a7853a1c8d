import { buildCiCommands, type CiOptions } from '../../lib/ci-commands';
import { CopyBlock } from '../CopyBlock';

interface Props extends CiOptions {
  onVariable: (variable: string) => void;
  /** The user left the field: the parent saves the name if it is valid. */
  onCommit: (variable: string) => void;
  copy: (text: string) => Promise<void>;
}

/** The Fix view's collapsed "In CI or scripts" section, rendered while it is open. */
export function CiSection({ onVariable, onCommit, copy, ...options }: Props) {
  const ci = buildCiCommands(options);
  return (
    <>
      <div class="field">
        <label for="ci-variable">Variable holding the token</label>
        <input
          id="ci-variable"
          type="text"
          value={options.variable}
          spellcheck={false}
          onInput={(e) => onVariable(e.currentTarget.value)}
          onChange={(e) => onCommit(e.currentTarget.value)}
        />
      </div>
      {ci.problems.map((p) => (
        <p key={p.message} class="warn" role="alert">
          {p.message}
        </p>
      ))}
      {ci.clone && (
        <CopyBlock
          testId="snippet-ci-clone"
          title="Clone"
          why="git reads the token from the variable through a one-off helper: it never lands in .git/config or a URL."
          text={ci.clone}
          copy={copy}
        />
      )}
      {ci.fetch && (
        <CopyBlock testId="snippet-ci-fetch" title="Fetch in an existing clone" text={ci.fetch} copy={copy} />
      )}
    </>
  );
}
