import { useEffect, useMemo, useState } from 'react';
import type { EventDetail } from '../../api/integration-types.js';
import { getIntegrationDetail, listSubscriptions } from '../../api/integrations-api.js';
import { isEmptyParameterValue, type ParameterValue } from '../../api/parameter-types.js';
import type { Draft, DslNode } from '../../api/workflow-types.js';
import { ErrorMessage, Loading } from '../../ui/feedback.js';
import { ParameterField } from '../../ui/parameter-field.js';
import { useAsync } from '../../ui/use-async.js';
import { problemsOfNode, updateDraftNode } from './draft-node-update.js';
import { SavedChoiceSelect } from './saved-choice-select.js';
import { WorkflowError } from './workflow-error.js';

type Values = Readonly<Record<string, ParameterValue | undefined>>;

/** The constant values of a node's `event_parameters` ({name: {type: 'constant', value}}). */
function savedValues(data: DslNode['data']): Values {
  const parameters = data.event_parameters;
  if (typeof parameters !== 'object' || parameters === null) return {};
  const values: Record<string, ParameterValue | undefined> = {};
  for (const [name, input] of Object.entries(parameters as Record<string, unknown>)) {
    if (typeof input === 'object' && input !== null && 'value' in input) {
      values[name] = (input as { value: ParameterValue }).value;
    }
  }
  return values;
}

/** The filter values as the DSL keeps them; empty fields are left out (they take any event). */
function eventParameters(event: EventDetail | undefined, values: Values) {
  const entries = (event?.parameters ?? []).flatMap((parameter) => {
    const value = values[parameter.name];
    return isEmptyParameterValue(value) ? [] : [[parameter.name, { type: 'constant', value }] as const];
  });
  return Object.fromEntries(entries);
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * An integration trigger of the draft: its subscription, its event and the event's filter
 * parameters, saved into the draft node (`subscription_id`, `event_name`, `event_parameters`).
 */
export function PluginTriggerEditor({
  workflowId,
  node,
  onSaved,
  onDirtyChange,
}: {
  readonly workflowId: string;
  readonly node: DslNode;
  readonly onSaved: (draft: Draft) => void;
  readonly onDirtyChange: (dirty: boolean) => void;
}) {
  const integrationId = text(node.data.provider_id);
  const integration = useAsync(() => getIntegrationDetail(integrationId), [integrationId]);
  const subscriptions = useAsync(() => listSubscriptions(integrationId), [integrationId]);
  const [subscriptionId, setSubscriptionId] = useState(text(node.data.subscription_id));
  const [eventName, setEventName] = useState(text(node.data.event_name));
  const [values, setValues] = useState<Values>(() => savedValues(node.data));
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<Draft>();

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const events = useMemo(
    () => [...(integration.data?.events ?? [])].sort((a, b) => a.label.localeCompare(b.label)),
    [integration.data],
  );
  const event = events.find((candidate) => candidate.name === eventName);
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setDirty(true);
      setSaved(undefined);
    };

  if (!integrationId)
    return <ErrorMessage error="this trigger names no integration (provider_id is empty)" />;
  const knownSubscription = subscriptions.data?.items.some((item) => item.id === subscriptionId) ?? true;

  return (
    <form
      aria-label="Trigger settings"
      onSubmit={(submit) => {
        submit.preventDefault();
        setSaving(true);
        setError(undefined);
        updateDraftNode(workflowId, node.id, (data) => ({
          ...data,
          subscription_id: subscriptionId,
          event_name: eventName,
          ...(event ? { event_label: event.label } : {}),
          event_parameters: eventParameters(event, values),
        })).then(
          (draft) => {
            setSaving(false);
            setDirty(false);
            setSaved(draft);
            onSaved(draft);
          },
          (failure: unknown) => {
            setSaving(false);
            setError(failure);
          },
        );
      }}
    >
      <p className="muted">
        Integration <strong>{integration.data?.name ?? integrationId}</strong>
      </p>
      <SavedChoiceSelect
        label="Subscription"
        value={subscriptionId}
        choices={(subscriptions.data?.items ?? []).map((subscription) => ({
          value: subscription.id,
          label: `${subscription.name}${subscription.status === 'active' ? '' : ` (${subscription.status})`}`,
        }))}
        placeholder="Choose a subscription…"
        unknownLabel={knownSubscription ? undefined : `${subscriptionId} (not in this workspace)`}
        disabled={!subscriptions.data}
        onChange={edit(setSubscriptionId)}
      />
      {subscriptions.loading && !subscriptions.data ? <Loading what="subscriptions" /> : null}
      <ErrorMessage error={subscriptions.error} />
      {subscriptions.data?.items.length === 0 ? (
        <p className="muted">
          No {integrationId} subscriptions yet: create one under Integrations, then choose it here.
        </p>
      ) : null}
      <SavedChoiceSelect
        label="Event"
        value={eventName}
        choices={events.map((candidate) => ({
          value: candidate.name,
          label: `${candidate.label} (${candidate.name})`,
        }))}
        placeholder="Choose an event…"
        unknownLabel={event || !eventName ? undefined : `${eventName} (unknown event)`}
        disabled={!integration.data}
        onChange={edit(setEventName)}
      />
      {integration.loading && !integration.data ? <Loading what="events" /> : null}
      <ErrorMessage error={integration.error} />
      {event ? (
        <>
          <p className="muted">{event.description}</p>
          {event.parameters.length > 0 ? <h3>Filters</h3> : null}
          {event.parameters.map((parameter) => (
            <ParameterField
              key={`${event.name}/${parameter.name}`}
              purpose="filter"
              parameter={parameter}
              value={values[parameter.name]}
              onChange={(value) => edit(setValues)({ ...values, [parameter.name]: value })}
            />
          ))}
        </>
      ) : null}
      <div className="row">
        <button type="submit" disabled={saving || !dirty}>
          {saving ? 'Saving…' : 'Save to draft'}
        </button>
        {saved && !dirty ? <span className="badge ok">Saved</span> : null}
      </div>
      <WorkflowError error={error} />
      {saved
        ? problemsOfNode(saved, node.id).map((problem) => (
            <div key={problem.path + problem.message} className="error">
              {problem.message}
            </div>
          ))
        : null}
    </form>
  );
}
