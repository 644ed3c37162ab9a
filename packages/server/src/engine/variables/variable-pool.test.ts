import { describe, expect, it } from 'vitest';
import { systemVariables } from './system-variables.js';
import { RunVariablePool, walkPath } from './variable-pool.js';

function pool(): RunVariablePool {
  const variables = new RunVariablePool({
    system: systemVariables({
      workflowId: 'wf_1',
      runId: 'run_7',
      startedAtMs: Date.parse('2026-03-02T10:00:00Z'),
      invokeFrom: 'trigger',
    }),
    environment: { API_URL: 'https://api.example.com' },
  });
  variables.set('trigger', {
    pull_request: { number: 7, labels: [{ name: 'bug' }, { name: 'p1' }] },
    action: 'opened',
    empty: null,
  });
  return variables;
}

describe('RunVariablePool', () => {
  it('walks nested objects and arrays', () => {
    const variables = pool();
    expect(variables.get(['trigger', 'action'])).toBe('opened');
    expect(variables.get(['trigger', 'pull_request', 'labels', '1', 'name'])).toBe('p1');
    expect(variables.get(['trigger', 'pull_request', 'labels'])).toEqual([{ name: 'bug' }, { name: 'p1' }]);
    expect(variables.get(['trigger', 'empty'])).toBeNull();
  });

  it('reads undefined for anything missing', () => {
    const variables = pool();
    expect(variables.get(['trigger', 'nope'])).toBeUndefined();
    expect(variables.get(['other', 'x'])).toBeUndefined();
    expect(variables.get(['trigger', 'pull_request', 'labels', '5'])).toBeUndefined();
    expect(variables.get(['trigger', 'pull_request', 'labels', '-1'])).toBeUndefined();
    expect(variables.get(['trigger', 'action', 'length'])).toBeUndefined();
    expect(variables.get(['trigger'])).toBeUndefined();
  });

  it('never walks into prototypes', () => {
    const variables = pool();
    expect(variables.get(['trigger', 'constructor'])).toBeUndefined();
    expect(variables.get(['trigger', '__proto__'])).toBeUndefined();
    expect(variables.get(['trigger', 'pull_request', 'labels', 'constructor'])).toBeUndefined();
    expect(walkPath({ a: 1 }, ['toString'])).toBeUndefined();
  });

  it('holds the system and environment variables', () => {
    const variables = pool();
    expect(variables.get(['sys', 'workflow_run_id'])).toBe('run_7');
    expect(variables.get(['sys', 'workflow_id'])).toBe('wf_1');
    expect(variables.get(['sys', 'app_id'])).toBe('wf_1');
    expect(variables.get(['sys', 'timestamp'])).toBe(1772445600);
    expect(variables.get(['sys', 'invoke_from'])).toBe('trigger');
    expect(variables.get(['sys', 'user_id'])).toBeUndefined();
    expect(variables.get(['env', 'API_URL'])).toBe('https://api.example.com');
  });

  it('refuses to let a node take a reserved id', () => {
    expect(() => pool().set('sys', { workflow_run_id: 'forged' })).toThrow(
      'node id "sys" is reserved for system variables',
    );
    expect(() => pool().set('env', {})).toThrow('node id "env" is reserved for environment variables');
  });

  it('renders references in a text, objects as JSON and missing ones as nothing', () => {
    expect(
      pool().render(
        '#{{#trigger.pull_request.number#}} {{#trigger.action#}} by {{#trigger.nope#}}: {{#trigger.pull_request.labels#}} run {{#sys.workflow_run_id#}}',
      ),
    ).toBe('#7 opened by : [{"name":"bug"},{"name":"p1"}] run run_7');
  });

  it('replaces outputs when a node runs again', () => {
    const variables = pool();
    variables.set('code', { n: 1 });
    variables.set('code', { n: 2 });
    expect(variables.get(['code', 'n'])).toBe(2);
    expect(variables.has('code')).toBe(true);
    expect(variables.outputsOf('code')).toEqual({ n: 2 });
  });
});
