import type { Clock, Logger } from '@tripline/sdk';
import { HttpError, NotFoundError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { exportWorkflowDocument } from '../engine/dsl/export-dsl.js';
import type { IntegrationCatalog } from '../integrations/integration-catalog.js';
import type { Principal } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { WorkflowRecord, WorkflowVersionRecord } from '../store/workflow-records.js';
import { checkTriggerBindings } from './trigger-bindings.js';
import { documentForCreate, documentForDraft, graphProblems } from './workflow-documents.js';
import { InvalidWorkflowError } from './workflow-errors.js';
import { readWorkflowInput } from './workflow-input.js';
import {
  toVersionSummaryView,
  toVersionView,
  type WorkflowVersionSummaryView,
  type WorkflowVersionView,
} from './workflow-version-view.js';
import {
  type DraftView,
  toDraftView,
  toWorkflowSummaryView,
  toWorkflowView,
  type WorkflowSummaryView,
  type WorkflowView,
} from './workflow-view.js';

export interface WorkflowServiceOptions {
  readonly store: Store;
  readonly catalog: IntegrationCatalog;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Workflow apps of a workspace: a draft, and immutable published versions. */
export class WorkflowService {
  readonly #options: WorkflowServiceOptions;

  constructor(options: WorkflowServiceOptions) {
    this.#options = options;
  }

  /** From a DSL document (imported whole or refused whole) or `{name}` for an empty draft. */
  async create(principal: Principal, body: unknown): Promise<WorkflowView> {
    const input = readWorkflowInput(body);
    if (input.kind === 'invalid' || input.kind === 'graph') {
      const message =
        input.kind === 'invalid' ? input.message : 'a new workflow takes a DSL document or {name}';
      throw new InvalidWorkflowError('create the workflow', [{ path: 'body', message }]);
    }
    const document = documentForCreate(input);
    const now = new Date(this.#options.clock.now());
    const record: WorkflowRecord = {
      id: newId(),
      workspaceId: principal.workspaceId,
      name: document.name,
      description: document.description,
      draft: document,
      draftUpdatedAt: now,
      publishedVersionId: null,
      createdBy: principal.memberId,
      createdAt: now,
      updatedAt: now,
    };
    await this.#options.store.workflows.insert(record);
    this.#options.logger.info({ workflowId: record.id, workspaceId: record.workspaceId }, 'workflow created');
    return toWorkflowView(record, null);
  }

  async list(principal: Principal): Promise<{ readonly items: WorkflowSummaryView[] }> {
    const records = await this.#options.store.workflows.list(principal.workspaceId);
    return { items: records.map(toWorkflowSummaryView) };
  }

  async get(principal: Principal, id: string): Promise<WorkflowView> {
    const record = await this.record(principal, id);
    return toWorkflowView(record, await this.#publishedNumber(record));
  }

  async delete(principal: Principal, id: string): Promise<void> {
    if (!(await this.#options.store.workflows.delete(principal.workspaceId, id))) {
      throw new NotFoundError('workflow', id);
    }
    this.#options.logger.info({ workflowId: id, workspaceId: principal.workspaceId }, 'workflow deleted');
  }

  async getDraft(principal: Principal, id: string): Promise<DraftView> {
    const record = await this.record(principal, id);
    return toDraftView(record, graphProblems(record.draft));
  }

  /** Replaces the draft with a document, or its graph with `{graph}`; the answer lists what still blocks publishing. */
  async putDraft(principal: Principal, id: string, body: unknown): Promise<DraftView> {
    const record = await this.record(principal, id);
    const input = readWorkflowInput(body);
    if (input.kind === 'invalid') {
      throw new InvalidWorkflowError('save the draft', [{ path: 'body', message: input.message }]);
    }
    const draft = documentForDraft(record.draft, input);
    const updated = await this.#options.store.workflows.updateDraft(principal.workspaceId, id, {
      name: draft.name,
      description: draft.description,
      draft,
      now: new Date(this.#options.clock.now()),
    });
    if (!updated) throw new NotFoundError('workflow', id);
    return toDraftView(updated, graphProblems(updated.draft));
  }

  /**
   * Validates the draft fully, stores it as the next immutable version and rewrites the
   * workflow's trigger links in the same transaction. Refuses, naming the nodes, when anything
   * is wrong; nothing changes then.
   */
  async publish(principal: Principal, id: string): Promise<WorkflowView> {
    const { store, catalog, clock, logger } = this.#options;
    const record = await this.record(principal, id);
    const problems = graphProblems(record.draft);
    if (problems.length > 0) throw new InvalidWorkflowError('publish the workflow', problems);
    const bindings = await checkTriggerBindings({
      graph: record.draft.graph,
      workspaceId: principal.workspaceId,
      store,
      catalog,
    });
    if (bindings.problems.length > 0)
      throw new InvalidWorkflowError('publish the workflow', bindings.problems);
    const result = await store.workflows.publish({
      workspaceId: principal.workspaceId,
      workflowId: id,
      versionId: newId(),
      document: record.draft,
      triggers: bindings.links,
      createdBy: principal.memberId,
      now: new Date(clock.now()),
    });
    if (!result.ok && result.reason === 'not_found') throw new NotFoundError('workflow', id);
    if (!result.ok) {
      // A subscription was deleted between the check and the transaction.
      const gone = new Set(result.reason === 'missing_subscriptions' ? result.subscriptionIds : []);
      const nodes = bindings.links.filter(
        (link) => link.subscriptionId !== null && gone.has(link.subscriptionId),
      );
      throw new InvalidWorkflowError(
        'publish the workflow',
        nodes.map((link) => ({
          path: 'nodes',
          message: `node "${link.nodeId}" (trigger-plugin): subscription "${link.subscriptionId}" was deleted meanwhile`,
        })),
      );
    }
    logger.info({ workflowId: id, version: result.version.version }, 'workflow published');
    return this.get(principal, id);
  }

  /** Every published version of the workflow, newest first (the first one is the published one). */
  async listVersions(
    principal: Principal,
    id: string,
  ): Promise<{ readonly items: WorkflowVersionSummaryView[] }> {
    await this.record(principal, id);
    const versions = await this.#options.store.workflows.listVersions(principal.workspaceId, id);
    return { items: versions.map(toVersionSummaryView) };
  }

  /** One published version of the workflow with its graph; 404 for a version of another workflow too. */
  async getVersion(principal: Principal, id: string, versionId: string): Promise<WorkflowVersionView> {
    await this.record(principal, id);
    return toVersionView(await this.#versionOf(principal, id, versionId));
  }

  /** The draft, the published version, or the published version `versionId`, as Dify DSL YAML. */
  async export(
    principal: Principal,
    id: string,
    options: {
      readonly source?: 'draft' | 'published';
      readonly versionId?: string;
      readonly shared?: boolean;
    } = {},
  ): Promise<{ readonly name: string; readonly yaml: string }> {
    const record = await this.record(principal, id);
    let document = record.draft;
    if (options.versionId !== undefined) {
      document = (await this.#versionOf(principal, id, options.versionId)).document;
    } else if (options.source === 'published') {
      const version = record.publishedVersionId
        ? await this.#options.store.workflows.getVersion(principal.workspaceId, record.publishedVersionId)
        : undefined;
      if (!version) throw new NotFoundError('published version of workflow', id);
      document = version.document;
    }
    return {
      name: document.name,
      yaml: exportWorkflowDocument(document, { clearWorkspaceBindings: options.shared === true }),
    };
  }

  /** The workflow, or 404 for ids of other workspaces too. */
  async record(principal: Principal, id: string): Promise<WorkflowRecord> {
    const record = await this.#options.store.workflows.get(principal.workspaceId, id);
    if (!record) throw new NotFoundError('workflow', id);
    return record;
  }

  /** The workflow's published version `versionId`; 404 for another workflow's version too. */
  async #versionOf(principal: Principal, id: string, versionId: string): Promise<WorkflowVersionRecord> {
    const version = await this.#options.store.workflows.getVersion(principal.workspaceId, versionId);
    if (version?.workflowId !== id) {
      throw new HttpError(
        404,
        'not_found',
        `workflow "${id}" has no published version "${versionId}"; GET /api/v1/workflows/${id}/versions lists its versions`,
      );
    }
    return version;
  }

  async #publishedNumber(record: WorkflowRecord): Promise<number | null> {
    if (!record.publishedVersionId) return null;
    const version = await this.#options.store.workflows.getVersion(
      record.workspaceId,
      record.publishedVersionId,
    );
    return version?.version ?? null;
  }
}
