import type { ParameterOption } from '@tripline/sdk';
import type { FilterRule } from './filter-rule.js';
import { listText, listValue } from './filter-rule.js';
import { matchesGlobList } from './glob.js';
import type { Payload } from './payload.js';

/** The fields every rule factory takes to describe its parameter. */
export interface RuleText {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly placeholder?: string;
}

function optionsOf(values: readonly string[]): ParameterOption[] {
  return values.map((value) => ({ value, label: value.replaceAll('_', ' ') }));
}

/** `actions`: a multi-select of the event's actions; none selected takes all. */
export function actionsRule(actions: readonly string[]): FilterRule {
  return {
    parameter: {
      name: 'actions',
      label: 'Actions',
      type: 'multi-select',
      description: 'Only these actions start the workflow; none selected takes every action.',
      options: optionsOf(actions),
    },
    check: (payload, value) => checkAction(payload, listValue(value)),
  };
}

/** `actions` for events whose sender names its actions (`repository_dispatch`'s event types). */
export function freeFormActionsRule(): FilterRule {
  return {
    parameter: {
      name: 'actions',
      label: 'Event types',
      type: 'string-list',
      description:
        'Only these event types (the `event_type` the sender chose) start the workflow; empty takes all.',
      placeholder: 'deploy',
    },
    check: (payload, value) => checkAction(payload, listValue(value)),
  };
}

function checkAction(payload: Payload, wanted: readonly string[]): string | undefined {
  const action = payload.action;
  if (typeof action !== 'string') return `event has no action; expected one of: ${listText(wanted)}`;
  return wanted.includes(action) ? undefined : `action "${action}" is not one of: ${listText(wanted)}`;
}

/** A list of globs (with `!` exclusions) over one string of the payload, such as a branch name. */
export function globRule(
  text: RuleText & { readonly subject: string; readonly read: (payload: Payload) => string | undefined },
): FilterRule {
  const { subject, read, ...parameter } = text;
  return {
    parameter: { ...parameter, type: 'string-list' },
    check: (payload, value) => {
      const patterns = listValue(value);
      const found = read(payload);
      if (found === undefined) return `the event has no ${subject}; wanted: ${listText(patterns)}`;
      return matchesGlobList(patterns, found)
        ? undefined
        : `${subject} "${found}" does not match: ${listText(patterns)}`;
    },
  };
}

/** A list of names one payload field must equal, ignoring case (logins, as GitHub compares them). */
export function oneOfRule(
  text: RuleText & { readonly subject: string; readonly read: (payload: Payload) => string | undefined },
): FilterRule {
  const { subject, read, ...parameter } = text;
  return {
    parameter: { ...parameter, type: 'string-list' },
    check: (payload, value) => {
      const wanted = listValue(value);
      const found = read(payload);
      if (found === undefined) return `the event has no ${subject}; wanted one of: ${listText(wanted)}`;
      const lower = found.toLowerCase();
      return wanted.some((name) => name.toLowerCase() === lower)
        ? undefined
        : `${subject} "${found}" is not one of: ${listText(wanted)}`;
    },
  };
}

/** A list of names of which the payload must hold at least one, ignoring case (labels, assignees). */
export function anyOfRule(
  text: RuleText & {
    /** What the reason calls the holder and the names: `pull request`, `labels`. */
    readonly holder: string;
    readonly noun: string;
    readonly read: (payload: Payload) => readonly string[];
  },
): FilterRule {
  const { holder, noun, read, ...parameter } = text;
  return {
    parameter: { ...parameter, type: 'string-list' },
    check: (payload, value) => {
      const wanted = listValue(value);
      const present = read(payload);
      const lower = new Set(present.map((name) => name.toLowerCase()));
      if (wanted.some((name) => lower.has(name.toLowerCase()))) return undefined;
      const has = present.length === 0 ? `it has no ${noun}` : `it has: ${listText(present)}`;
      return `${holder} has none of the ${noun}: ${listText(wanted)} (${has})`;
    },
  };
}

/** A multi-select over one payload field with known values (conclusions, review states). */
export function valueInRule(
  text: RuleText & {
    readonly values: readonly string[];
    readonly subject: string;
    readonly read: (payload: Payload) => string | undefined;
  },
): FilterRule {
  const { values, subject, read, ...parameter } = text;
  return {
    parameter: { ...parameter, type: 'multi-select', options: optionsOf(values) },
    check: (payload, value) => {
      const wanted = listValue(value);
      const found = read(payload);
      if (found === undefined) return `the event has no ${subject} yet; wanted one of: ${listText(wanted)}`;
      return wanted.includes(found) ? undefined : `${subject} "${found}" is not one of: ${listText(wanted)}`;
    },
  };
}

/**
 * A select between two states of a boolean field (draft or ready, merged or not). The reason
 * names the state the event is in.
 */
export function eitherRule(
  text: RuleText & {
    readonly yes: ParameterOption & { readonly reason: string };
    readonly no: ParameterOption & { readonly reason: string };
    readonly read: (payload: Payload) => boolean;
  },
): FilterRule {
  const { yes, no, read, ...parameter } = text;
  return {
    parameter: {
      ...parameter,
      type: 'select',
      options: [
        { value: yes.value, label: yes.label },
        { value: no.value, label: no.label },
      ],
    },
    check: (payload, value) => {
      const state = read(payload);
      if (value === yes.value) return state ? undefined : no.reason;
      if (value === no.value) return state ? yes.reason : undefined;
      return `${parameter.name} must be "${yes.value}" or "${no.value}", not "${String(value)}"`;
    },
  };
}
