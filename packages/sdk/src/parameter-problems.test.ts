import { describe, expect, it } from 'vitest';
import { parameterProblems } from './parameter-problems.js';
import type { ParameterDefinition } from './parameters.js';

const options = [
  { value: 'opened', label: 'Opened' },
  { value: 'closed', label: 'Closed' },
];

function problems(parameter: Partial<ParameterDefinition>): string[] {
  return parameterProblems('p', [{ name: 'x', label: 'X', type: 'string', ...parameter }]);
}

describe('parameterProblems', () => {
  it('accepts defaults that fit every type', () => {
    const fitting: ParameterDefinition[] = [
      { name: 'a', label: 'A', type: 'string', default: '' },
      { name: 'b', label: 'B', type: 'secret', default: 'generated' },
      { name: 'c', label: 'C', type: 'number', default: 3.5 },
      { name: 'd', label: 'D', type: 'boolean', default: false },
      { name: 'e', label: 'E', type: 'select', options, default: 'closed' },
      { name: 'f', label: 'F', type: 'multi-select', options, default: [] },
      { name: 'g', label: 'G', type: 'multi-select', options, default: ['opened', 'closed'] },
      { name: 'h', label: 'H', type: 'string-list', default: ['main'] },
      { name: 'i', label: 'I', type: 'dynamic-select', default: 'octo/repo' },
      { name: 'j', label: 'J', type: 'dynamic-select', multiple: true, default: ['octo/repo'] },
    ];
    expect(parameterProblems('p', fitting)).toEqual([]);
  });

  it.each([
    [{ type: 'string', default: 1 }, 'default must be a string'],
    [{ type: 'number', default: '1' }, 'default must be a finite number'],
    [{ type: 'number', default: Number.POSITIVE_INFINITY }, 'default must be a finite number'],
    [{ type: 'boolean', default: 'true' }, 'default must be true or false'],
    [{ type: 'select', options, default: 'merged' }, 'default "merged" is not one of opened, closed'],
    [{ type: 'select', options, default: ['opened'] }, 'default must be one option value (a string)'],
    [{ type: 'multi-select', options, default: 'opened' }, 'default must be a list of option values'],
    [
      { type: 'multi-select', options, default: ['opened', 'merged'] },
      'default "merged" is not one of opened, closed',
    ],
    [{ type: 'string-list', default: 'main' }, 'default must be a list of strings'],
    [{ type: 'dynamic-select', default: ['a'] }, 'default must be a string'],
    [
      { type: 'dynamic-select', multiple: true, default: 'a' },
      'default must be a list of strings (multiple)',
    ],
  ] as const)('refuses %j', (parameter, message) => {
    expect(problems(parameter as Partial<ParameterDefinition>)).toEqual([`p[0] (x): ${message}`]);
  });

  it('refuses selects without options and repeated option values', () => {
    expect(problems({ type: 'select' })).toEqual(['p[0] (x): select needs at least one option']);
    expect(problems({ type: 'multi-select', options: [] })).toEqual([
      'p[0] (x): multi-select needs at least one option',
    ]);
    expect(problems({ type: 'select', options: [...options, options[0]!] })).toEqual([
      'p[0] (x).options[2]: value "opened" is listed twice',
    ]);
  });

  it('refuses repeated and empty names, empty labels and unknown types', () => {
    const list = JSON.parse(
      '[{"name":"a","label":"A","type":"string"},{"name":"a","label":" ","type":"text"},{"name":"","label":"B","type":"number"}]',
    ) as ParameterDefinition[];
    expect(parameterProblems('events[0] (push).parameters', list)).toEqual([
      'events[0] (push).parameters[1] (a): name "a" is declared twice',
      'events[0] (push).parameters[1] (a): label is empty',
      'events[0] (push).parameters[1] (a): type "text" is not one of string, number, boolean, secret, select, multi-select, dynamic-select, string-list',
      'events[0] (push).parameters[2] (): name is empty',
    ]);
  });
});
