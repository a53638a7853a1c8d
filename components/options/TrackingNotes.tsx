import { describeTrackingNote, type TrackingNote } from '../../lib/tracking-notes';

/**
 * What the lists showed but was not tracked (a name like a token, a row that could not be read,
 * a name cut short), so no row vanishes silently; `[data-testid="tracking-notes"]`.
 */
export function TrackingNotes({ notes }: { notes: readonly TrackingNote[] }) {
  if (notes.length === 0) return null;
  return (
    <div class="tracking-notes" role="status" data-testid="tracking-notes">
      <p>Not everything your lists showed could be tracked:</p>
      <ul>
        {notes.map((note) => (
          <li key={`${note.kind} ${note.where}`}>{describeTrackingNote(note)}</li>
        ))}
      </ul>
    </div>
  );
}
