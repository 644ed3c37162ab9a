/** Where a problem of a workflow document starts: its path (`nodes[3]`, `edges[1].target`, `app.mode`...). */
const PROBLEM_START =
  /^(nodes|edges|app|workflow|body|document|kind|version|dependencies|name|description)\b/;

/**
 * Reads the server's `invalid_workflow` message ("cannot import the document: 3 problems: a; b;
 * c") back into its problems, so each shows on its own line. A problem's own text may hold "; ",
 * so pieces that do not start with a path join the one before; when the pieces still do not add
 * up to the count the server gave, the whole text stays one item rather than being split wrong.
 */
export function splitProblems(
  message: string,
): { readonly summary: string; readonly problems: readonly string[]; readonly more: string } | undefined {
  const match = /^(cannot [^:]+: (\d+) problems?): ([\s\S]*)$/.exec(message);
  if (!match) return undefined;
  const [, summary = '', countText = '0', rest = ''] = match;
  const moreMatch = /; (and \d+ more)$/.exec(rest);
  const listed = moreMatch ? rest.slice(0, moreMatch.index) : rest;
  const expected = moreMatch ? undefined : Number(countText);
  const pieces = listed.split('; ');
  if (expected === undefined || pieces.length === expected) {
    return { summary, problems: pieces, more: moreMatch?.[1] ?? '' };
  }
  const merged: string[] = [];
  for (const piece of pieces) {
    const last = merged.length - 1;
    if (last >= 0 && !PROBLEM_START.test(piece)) merged[last] = `${merged[last]}; ${piece}`;
    else merged.push(piece);
  }
  return { summary, problems: merged.length === expected ? merged : [listed], more: '' };
}
