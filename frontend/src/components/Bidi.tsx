import { Fragment, isValidElement, type ReactNode } from 'react';

// Private-use characters mark where each value goes in the translated sentence; no
// translation contains them.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARK = new RegExp(`${OPEN}(\\d+)${CLOSE}`);

/**
 * A translated sentence with names or free text in it (people's names, team names,
 * subjects), each value inside <bdi>: a right-to-left override in a name, or an Arabic
 * name beside a number, cannot reorder or reverse the words around it. `translate` gets
 * a marker for each value and returns the sentence, e.g. (v) => t(key, v).
 * A value that is already an element (with its own <bdi>s) goes in as it is.
 */
export function isolate(translate: (values: Record<string, string>) => string, values: Record<string, ReactNode>): ReactNode {
  const keys = Object.keys(values);
  const text = translate(Object.fromEntries(keys.map((k, i) => [k, `${OPEN}${i}${CLOSE}`])));
  const parts = text.split(MARK);
  return parts.map((part, i) => {
    if (i % 2 === 0) return part ? <Fragment key={i}>{part}</Fragment> : null;
    const value = values[keys[Number(part)]!];
    return isValidElement(value) ? <Fragment key={i}>{value}</Fragment> : <bdi key={i}>{value}</bdi>;
  });
}
