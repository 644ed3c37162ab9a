import { describe, expect, it } from 'vitest';
import { outcome, runFilter } from '../filter-test-kit.test-helpers.js';

describe('release filter', () => {
  const release = (tag: string, prerelease: boolean) => ({
    action: 'published',
    release: { tag_name: tag, prerelease },
  });

  it.each([
    [release('v1.0.0', false), { tags: ['v*'] }, 'matched'],
    [
      release('v1.0.0-rc1', true),
      { tags: ['v*', '!v*-rc*'] },
      'release tag "v1.0.0-rc1" does not match: v*, !v*-rc*',
    ],
    [release('v1.0.0-rc1', true), { prerelease: 'stable' }, 'release is a pre-release'],
    [release('v1.0.0', false), { prerelease: 'prerelease' }, 'release is not a pre-release'],
    [release('v1', false), { actions: ['created'] }, 'action "published" is not one of: created'],
  ] as const)('on %j with %j gives %s', (payload, parameters, expected) => {
    expect(outcome(runFilter('release', payload, parameters))).toBe(expected);
  });
});

describe('workflow_run filter', () => {
  const run = (name: string, branch: string, conclusion: string | null, action = 'completed') => ({
    action,
    workflow_run: { name, head_branch: branch, conclusion, status: conclusion ? 'completed' : 'in_progress' },
  });

  it.each([
    [run('CI', 'main', 'failure'), { workflows: ['CI'], conclusions: ['failure', 'timed_out'] }, 'matched'],
    [
      run('Deploy', 'main', 'failure'),
      { workflows: ['CI', 'Lint*'] },
      'workflow "Deploy" does not match: CI, Lint*',
    ],
    [run('Lint docs', 'main', 'success'), { workflows: ['Lint*'] }, 'matched'],
    [run('CI', 'dev', 'success'), { branches: ['main'] }, 'branch "dev" does not match: main'],
    [
      run('CI', 'main', 'success'),
      { conclusions: ['failure'] },
      'workflow run conclusion "success" is not one of: failure',
    ],
    [
      run('CI', 'main', null, 'in_progress'),
      { conclusions: ['failure'] },
      'the event has no workflow run conclusion yet; wanted one of: failure',
    ],
  ] as const)('on %j with %j gives %s', (payload, parameters, expected) => {
    expect(outcome(runFilter('workflow_run', payload, parameters))).toBe(expected);
  });
});

describe('workflow_job and check_run filters', () => {
  it('select jobs by workflow, job name and conclusion', () => {
    const job = {
      action: 'completed',
      workflow_job: { workflow_name: 'CI', name: 'test (20)', conclusion: 'cancelled' },
    };
    expect(outcome(runFilter('workflow_job', job, { workflows: ['CI'], jobs: ['test*'] }))).toBe('matched');
    expect(outcome(runFilter('workflow_job', job, { jobs: ['build'] }))).toBe(
      'job "test (20)" does not match: build',
    );
    expect(outcome(runFilter('workflow_job', job, { conclusions: ['success'] }))).toBe(
      'job conclusion "cancelled" is not one of: success',
    );
  });

  it('select check runs by name and conclusion', () => {
    const check = { action: 'completed', check_run: { name: 'lint', conclusion: 'success' } };
    expect(outcome(runFilter('check_run', check, { checks: ['lint'], conclusions: ['success'] }))).toBe(
      'matched',
    );
    expect(outcome(runFilter('check_run', check, { checks: ['build'] }))).toBe(
      'check "lint" does not match: build',
    );
  });
});

describe('create and delete filters', () => {
  it.each([
    ['create', { ref: 'v1.0', ref_type: 'tag' }, { ref_type: 'tag', refs: ['v*'] }, 'matched'],
    [
      'create',
      { ref: 'main', ref_type: 'branch' },
      { ref_type: 'tag' },
      'ref type "branch" is not one of: tag',
    ],
    [
      'delete',
      { ref: 'feature/x', ref_type: 'branch' },
      { refs: ['release/*'] },
      'ref "feature/x" does not match: release/*',
    ],
  ] as const)('%s of %j with %j gives %s', (event, payload, parameters, expected) => {
    expect(outcome(runFilter(event, payload, parameters))).toBe(expected);
  });
});
