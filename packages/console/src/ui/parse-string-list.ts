/** "a, b ,c" (or one item a line) as ["a", "b", "c"]: how a string-list field is typed. */
export function parseStringList(text: string, separator: ',' | '\n' = ','): string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
