/**
 * Globs as GitHub Actions filters write them, so patterns users know from workflow files work here:
 * `*` matches any run of characters except `/`; `**` any run including `/` (followed by a slash,
 * also no folder at all); `?` one character except `/`; `[abc]`, `[a-z]` and `[!abc]` one character of (or
 * not of) a set; `\` makes the next character literal. The whole value must match.
 */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern.charAt(index);
    if (char === '\\' && index + 1 < pattern.length) {
      index += 1;
      source += escapeRegExp(pattern.charAt(index));
    } else if (char === '*' && pattern.charAt(index + 1) === '*') {
      const folders = pattern.charAt(index + 2) === '/';
      source += folders ? '(?:.*/)?' : '.*';
      index += folders ? 2 : 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[' && pattern.indexOf(']', index + 2) !== -1) {
      const end = pattern.indexOf(']', index + 2);
      source += characterClass(pattern.slice(index + 1, end));
      index = end;
    } else {
      source += escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`);
}

/** Whether `value` matches one glob (see {@link globToRegExp}). */
export function matchesGlob(pattern: string, value: string): boolean {
  return globToRegExp(pattern).test(value);
}

/**
 * An ordered list of globs where `!pattern` excludes: the last pattern that matches decides, so
 * `['release/*', '!release/old']` takes every release branch but one. A list of exclusions only
 * starts from "everything".
 */
export function matchesGlobList(patterns: readonly string[], value: string): boolean {
  let selected = patterns.every((pattern) => pattern.startsWith('!'));
  for (const pattern of patterns) {
    const excludes = pattern.startsWith('!');
    if (matchesGlob(excludes ? pattern.slice(1) : pattern, value)) selected = !excludes;
  }
  return selected;
}

function characterClass(body: string): string {
  const negated = body.startsWith('!') || body.startsWith('^');
  const members = (negated ? body.slice(1) : body).replace(/[\\\]^[]/g, '\\$&');
  return `[${negated ? '^' : ''}${members}]`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
