/**
 * A branch-and-merge glyph: two commits on a trunk and one on a branch that joins it, in a rounded
 * tile. Drawn for Tripline, so it carries no one's trademark.
 */
const SVG = [
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">',
  '<rect width="32" height="32" rx="7" fill="#24292f"/>',
  '<g fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round">',
  '<path d="M11 9.5v13"/>',
  '<path d="M21 12.5c0 5-10 4-10 8"/>',
  '</g>',
  '<g fill="#24292f" stroke="#fff" stroke-width="2.2">',
  '<circle cx="11" cy="8" r="2.6"/>',
  '<circle cx="11" cy="24" r="2.6"/>',
  '<circle cx="21" cy="10" r="2.6"/>',
  '</g>',
  '</svg>',
].join('');

export const GITHUB_ICON = `data:image/svg+xml,${encodeURIComponent(SVG)}`;
