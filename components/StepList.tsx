import type { FixStep } from '../lib/fix-plan';
import { CopyBlock } from './CopyBlock';

interface Props {
  steps: readonly FixStep[];
  /** The all-in-one script, when the plan is complete. */
  script?: string;
  copy: (text: string) => Promise<void>;
}

/** The fix as copyable steps in order, then all in one (test ids `snippet-<step id>`, `snippet-all`). */
export function StepList({ steps, script, copy }: Props) {
  return (
    <>
      <ol class="steps">
        {steps.map((step) => (
          <li key={step.id}>
            <CopyBlock
              testId={`snippet-${step.id}`}
              title={step.title}
              why={step.why}
              text={step.command}
              copy={copy}
            />
          </li>
        ))}
      </ol>
      {script && (
        <CopyBlock
          testId="snippet-all"
          title="All in one"
          why="The steps above as one script to paste."
          text={script}
          copy={copy}
        />
      )}
    </>
  );
}
