/** One option of a select or multi-select. */
export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** The choices whose label or value contains what was typed in a filter box (all when it is blank). */
export function choicesMatching(choices: readonly Choice[], filter: string): readonly Choice[] {
  const wanted = filter.trim().toLowerCase();
  if (wanted === '') return choices;
  return choices.filter(
    (choice) => choice.label.toLowerCase().includes(wanted) || choice.value.toLowerCase().includes(wanted),
  );
}
