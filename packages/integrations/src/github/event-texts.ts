import type { GitHubEventName } from './event-names.js';

export interface EventText {
  readonly label: string;
  readonly description: string;
}

/**
 * What the console shows for each event. Written by hand (the generated action list only names
 * events); typed as a full record so an event added by regeneration fails to compile until it has
 * words here.
 */
export const GITHUB_EVENT_TEXTS: Readonly<Record<GitHubEventName, EventText>> = {
  branch_protection_configuration: {
    label: 'Branch protection configuration',
    description: 'Branch protection was turned on or off for a whole repository.',
  },
  branch_protection_rule: {
    label: 'Branch protection rule',
    description: 'A branch protection rule was created, edited or deleted.',
  },
  check_run: {
    label: 'Check run',
    description: 'A check run was created, completed, re-requested, or a user asked for one of its actions.',
  },
  check_suite: {
    label: 'Check suite',
    description: 'A check suite was requested, re-requested or completed.',
  },
  code_scanning_alert: {
    label: 'Code scanning alert',
    description: 'A code scanning alert was created, fixed, closed, reopened or found in another branch.',
  },
  commit_comment: { label: 'Commit comment', description: 'Someone commented on a commit.' },
  create: { label: 'Branch or tag created', description: 'A Git branch or tag was created.' },
  custom_property: {
    label: 'Custom property',
    description: 'An organization custom property was defined or removed.',
  },
  custom_property_values: {
    label: 'Custom property values',
    description: "A repository's custom property values changed.",
  },
  delete: { label: 'Branch or tag deleted', description: 'A Git branch or tag was deleted.' },
  dependabot_alert: {
    label: 'Dependabot alert',
    description: 'A Dependabot alert was created, dismissed, fixed, reintroduced or reopened.',
  },
  deploy_key: { label: 'Deploy key', description: 'A deploy key was added to or removed from a repository.' },
  deployment: { label: 'Deployment', description: 'A deployment was created.' },
  deployment_protection_rule: {
    label: 'Deployment protection rule',
    description: 'A deployment to a protected environment waits for a custom protection rule.',
  },
  deployment_review: {
    label: 'Deployment review',
    description: 'A deployment review was requested, approved or rejected.',
  },
  deployment_status: { label: 'Deployment status', description: 'A deployment reported a new status.' },
  discussion: {
    label: 'Discussion',
    description: 'A discussion was created, edited, answered, labeled, moved, pinned, locked or deleted.',
  },
  discussion_comment: {
    label: 'Discussion comment',
    description: 'A comment on a discussion was created, edited or deleted.',
  },
  fork: { label: 'Fork', description: 'Someone forked the repository.' },
  github_app_authorization: {
    label: 'GitHub App authorization',
    description: "Someone revoked their authorization of a GitHub App; stop acting on that user's behalf.",
  },
  gollum: { label: 'Wiki page', description: 'A wiki page was created or updated.' },
  installation: {
    label: 'App installation',
    description: 'A GitHub App was installed, uninstalled, suspended, unsuspended or given new permissions.',
  },
  installation_repositories: {
    label: 'App installation repositories',
    description: 'Repositories were added to or removed from a GitHub App installation.',
  },
  installation_target: {
    label: 'App installation target',
    description: 'The account a GitHub App is installed on was renamed.',
  },
  issue_comment: {
    label: 'Issue comment',
    description: 'A comment on an issue or pull request was created, edited or deleted.',
  },
  issues: {
    label: 'Issues',
    description:
      'An issue was opened, edited, closed, reopened, labeled, assigned, moved, pinned or deleted.',
  },
  label: { label: 'Label', description: 'A label was created, edited or deleted.' },
  marketplace_purchase: {
    label: 'Marketplace purchase',
    description: 'Someone bought, changed or cancelled a GitHub Marketplace plan.',
  },
  member: { label: 'Collaborator', description: 'A repository collaborator was added, removed or changed.' },
  membership: { label: 'Team membership', description: 'Someone was added to or removed from a team.' },
  merge_group: {
    label: 'Merge group',
    description: 'A merge queue asked for checks on a merge group, or the group was destroyed.',
  },
  meta: { label: 'Webhook deleted', description: 'The webhook that sends these events was deleted.' },
  milestone: {
    label: 'Milestone',
    description: 'A milestone was created, edited, opened, closed or deleted.',
  },
  org_block: {
    label: 'Organization block',
    description: 'An organization blocked or unblocked a user.',
  },
  organization: {
    label: 'Organization',
    description: 'An organization was renamed or deleted, or a member was invited, added or removed.',
  },
  package: { label: 'Package', description: 'A GitHub Packages package was published or updated.' },
  page_build: {
    label: 'Pages build',
    description: 'A GitHub Pages site was built, successfully or not.',
  },
  ping: {
    label: 'Ping',
    description:
      'GitHub checks that the webhook works, when it is created or on request. Starts no workflow.',
  },
  project: {
    label: 'Classic project',
    description: 'A classic project was created, edited, closed, reopened or deleted.',
  },
  project_card: {
    label: 'Classic project card',
    description: 'A card in a classic project was created, edited, moved, converted or deleted.',
  },
  project_column: {
    label: 'Classic project column',
    description: 'A column in a classic project was created, edited, moved or deleted.',
  },
  projects_v2_item: {
    label: 'Project item',
    description:
      'An item in a project was created, edited, reordered, archived, restored, converted or deleted.',
  },
  public: { label: 'Repository made public', description: 'A private repository was made public.' },
  pull_request: {
    label: 'Pull request',
    description:
      'A pull request was opened, edited, closed, reopened, synchronized, labeled, assigned, queued or had a review requested.',
  },
  pull_request_review: {
    label: 'Pull request review',
    description: 'A pull request review was submitted, edited or dismissed.',
  },
  pull_request_review_comment: {
    label: 'Pull request review comment',
    description: "A comment on a pull request's diff was created, edited or deleted.",
  },
  pull_request_review_thread: {
    label: 'Pull request review thread',
    description: 'A review thread on a pull request was resolved or unresolved.',
  },
  push: {
    label: 'Push',
    description: 'Commits were pushed to a branch or tag, or a branch or tag was deleted.',
  },
  registry_package: {
    label: 'Registry package',
    description: 'A package in the GitHub registry was published or updated.',
  },
  release: {
    label: 'Release',
    description: 'A release was created, published, edited, unpublished, marked as pre-release or deleted.',
  },
  repository: {
    label: 'Repository',
    description:
      'A repository was created, renamed, transferred, archived, unarchived, made public or private, edited or deleted.',
  },
  repository_dispatch: {
    label: 'Repository dispatch',
    description:
      'A client sent a custom event through the repository dispatch API; its action is the event type.',
  },
  repository_import: {
    label: 'Repository import',
    description: 'A repository import finished, failed or was cancelled.',
  },
  repository_vulnerability_alert: {
    label: 'Repository vulnerability alert',
    description: 'A vulnerability alert was created, dismissed, reopened or resolved.',
  },
  secret_scanning_alert: {
    label: 'Secret scanning alert',
    description: 'A secret scanning alert was created, resolved, reopened or revoked.',
  },
  secret_scanning_alert_location: {
    label: 'Secret scanning alert location',
    description: 'A leaked secret was found in another place.',
  },
  security_advisory: {
    label: 'Security advisory',
    description: 'A GitHub-reviewed security advisory was published, updated, withdrawn or re-analyzed.',
  },
  sponsorship: {
    label: 'Sponsorship',
    description: 'A sponsorship was created, edited, cancelled or changed tier.',
  },
  star: { label: 'Star', description: 'Someone starred or unstarred the repository.' },
  status: { label: 'Commit status', description: "A commit's status changed." },
  team: {
    label: 'Team',
    description: 'A team was created, edited or deleted, or given or denied access to a repository.',
  },
  team_add: { label: 'Team added', description: 'A repository was added to a team.' },
  watch: {
    label: 'Watch',
    description: 'Someone starred the repository (GitHub names this event "watch" for history\'s sake).',
  },
  workflow_dispatch: {
    label: 'Workflow dispatch',
    description: 'Someone started a GitHub Actions workflow by hand or through the API.',
  },
  workflow_job: {
    label: 'Workflow job',
    description: 'A GitHub Actions job was queued, started, is waiting, or completed.',
  },
  workflow_run: {
    label: 'Workflow run',
    description: 'A GitHub Actions workflow run was requested, started or completed.',
  },
};
