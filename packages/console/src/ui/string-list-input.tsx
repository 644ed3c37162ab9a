import { useState } from 'react';
import { parseStringList } from './parse-string-list.js';

/**
 * A list of strings typed as text: comma-separated in one line, or one item a line in a text
 * area. The text is kept as typed, so a trailing separator or space survives until the next item
 * is written; `onChange` gets the items.
 */
export function StringListInput({
  name,
  separator,
  value,
  placeholder,
  onChange,
}: {
  readonly name: string;
  readonly separator: ',' | '\n';
  readonly value: readonly string[];
  readonly placeholder?: string | undefined;
  readonly onChange: (items: string[]) => void;
}) {
  const [text, setText] = useState(() => value.join(separator === ',' ? ', ' : '\n'));
  const change = (typed: string) => {
    setText(typed);
    onChange(parseStringList(typed, separator));
  };
  return separator === ',' ? (
    <input
      name={name}
      value={text}
      placeholder={placeholder ?? 'comma-separated'}
      onChange={(event) => change(event.currentTarget.value)}
    />
  ) : (
    <textarea
      name={name}
      className="short"
      value={text}
      placeholder={placeholder ?? 'One per line'}
      onChange={(event) => change(event.currentTarget.value)}
    />
  );
}
