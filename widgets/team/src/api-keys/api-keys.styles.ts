import { css } from "lit";

/** `<fd-api-keys>`'s own styles; the rest comes from widgetStyles and the back office's shared styles. */
export const apiKeysStyles = css`
  h4 {
    margin: 0 0 var(--_fd-space);
    font-size: 0.9375em;
  }
  form {
    margin-top: calc(var(--_fd-space) * 2);
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0;
    min-width: 0;
  }
  legend,
  .label {
    margin: 0 0 var(--_fd-space);
    font-size: 0.875em;
    font-weight: 600;
  }
  .scopes {
    display: grid;
    gap: calc(var(--_fd-space) * 1.5);
  }
  .choices {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 18em), 1fr));
    gap: var(--_fd-space);
  }
  .choices legend {
    grid-column: 1 / -1;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: var(--_fd-space);
    overflow-wrap: anywhere;
  }
  input[type="checkbox"] {
    flex: none;
    width: 20px;
    min-height: 20px;
    height: 20px;
    margin: 2px 0 0;
    accent-color: var(--_fd-primary);
  }
  .choice code,
  .who code {
    font-size: 0.8125em;
    color: var(--_fd-muted);
  }
  .who .name {
    color: var(--_fd-text);
  }
  .badge {
    justify-self: start;
    padding: 0 6px;
    border: 1px solid var(--_fd-border);
    border-radius: 999px;
    font-size: 0.75em;
    font-weight: 600;
    color: var(--_fd-muted);
  }
  .badge.revoked,
  .badge.failed {
    border-color: var(--_fd-danger);
    color: var(--_fd-danger);
  }
  .badge.delivered {
    border-color: var(--_fd-success);
    color: var(--_fd-success);
  }
  .actions {
    flex-wrap: wrap;
  }
  .shown-once {
    display: grid;
    gap: var(--_fd-space);
    margin-bottom: calc(var(--_fd-space) * 2);
    padding: calc(var(--_fd-space) * 2);
    border: 2px solid var(--_fd-danger);
    border-radius: var(--_fd-radius);
  }
  .warning {
    font-weight: 600;
    color: var(--_fd-danger);
  }
  .secret {
    display: block;
    padding: var(--_fd-space);
    border-radius: var(--_fd-radius);
    background: var(--_fd-hover);
    color: var(--_fd-text);
    user-select: all;
    text-align: left;
  }
  .log {
    flex: 1 1 100%;
    min-width: 0;
    display: grid;
    gap: var(--_fd-space);
  }
  .log-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_fd-space);
  }
  .delivery {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: var(--_fd-space);
    padding: var(--_fd-space);
    border: 1px solid var(--_fd-border);
    border-radius: var(--_fd-radius);
  }
  .delivery details {
    flex: 1 1 14em;
    min-width: 0;
  }
  .delivery summary {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px var(--_fd-space);
    cursor: pointer;
    min-height: 44px;
  }
  .event {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .attempts {
    display: grid;
    gap: 4px;
    margin: var(--_fd-space) 0;
    padding-inline-start: 1.25em;
    font-size: 0.875em;
  }
  .attempts li {
    display: grid;
  }
  pre {
    margin: 0;
    padding: var(--_fd-space);
    border-radius: var(--_fd-radius);
    background: var(--_fd-hover);
    font-size: 0.75em;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    text-align: left;
  }
`;
