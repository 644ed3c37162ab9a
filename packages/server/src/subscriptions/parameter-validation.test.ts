import type { ParameterDefinition } from '@tripline/sdk';
import { describe, expect, it } from 'vitest';
import { missingRequired, validatePatch } from './parameter-validation.js';

const definitions: ParameterDefinition[] = [
  { name: 'repository', label: 'Repository', type: 'string', required: true },
  {
    name: 'events',
    label: 'Events',
    type: 'multi-select',
    required: true,
    options: [
      { value: 'push', label: 'Push' },
      { value: 'issues', label: 'Issues' },
    ],
  },
  {
    name: 'format',
    label: 'Format',
    type: 'select',
    options: [
      { value: 'json', label: 'JSON' },
      { value: 'form', label: 'Form' },
    ],
  },
  { name: 'retries', label: 'Retries', type: 'number' },
  { name: 'active', label: 'Active', type: 'boolean' },
];

describe('validatePatch', () => {
  it('accepts known names with values of their type', () => {
    const patch = { repository: 'o/r', events: ['push'], format: 'json', retries: 3, active: false };
    expect(validatePatch('parameters', definitions, patch)).toEqual(patch);
  });

  it('refuses unknown names and lists the allowed ones', () => {
    expect(() => validatePatch('parameters', definitions, { repo: 'o/r' })).toThrow(
      'parameters.repo is unknown; allowed: repository, events, format, retries, active',
    );
  });

  it('says a group takes nothing when it has no definitions', () => {
    expect(() => validatePatch('credentials', [], { token: 'x' })).toThrow(
      'credentials.token: this subscription takes no credentials',
    );
  });

  it('refuses select values outside the options, naming them', () => {
    expect(() => validatePatch('parameters', definitions, { format: 'xml' })).toThrow(
      'parameters.format has "xml"; allowed: json, form',
    );
    expect(() => validatePatch('parameters', definitions, { events: ['push', 'fork'] })).toThrow(
      'parameters.events has "fork"; allowed: push, issues',
    );
  });

  it('refuses values of the wrong type, every problem in one message', () => {
    expect(() => validatePatch('parameters', definitions, { retries: 'three', active: 'yes' })).toThrow(
      'parameters.retries must be a finite number; parameters.active must be true or false',
    );
  });

  it('lets null through to clear a field', () => {
    expect(validatePatch('parameters', definitions, { format: null })).toEqual({ format: null });
  });
});

describe('missingRequired', () => {
  it('names required fields without a value', () => {
    expect(missingRequired('parameters', definitions, { repository: 'o/r', events: [] })).toEqual([
      'parameters.events',
    ]);
    expect(missingRequired('parameters', definitions, { repository: 'o/r', events: ['push'] })).toEqual([]);
  });
});
