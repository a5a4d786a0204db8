import { css } from "lit";

/** `<fd-calendar-connections>`'s own styles; the rest comes from widgetStyles and the back office's shared styles. */
export const calendarConnectionsStyles = css`
  h4 {
    margin: 0;
    font-size: 1em;
  }
  h3:focus,
  h4:focus {
    outline: none;
  }
  h3:focus-visible,
  h4:focus-visible {
    outline: var(--fd-focus-ring, 2px solid var(--_fd-primary));
  }
  .lead {
    margin: 0 0 calc(var(--_fd-space) * 2);
  }
  .picker {
    max-width: 24em;
    margin-bottom: calc(var(--_fd-space) * 2);
  }
  .hint + .actions {
    margin-top: var(--_fd-space);
  }
  .connection {
    align-items: stretch;
    flex-direction: column;
  }
  /* In the column, the shared row's flex basis would be a height. */
  .connection .who {
    flex: none;
    gap: 4px;
  }
  .choice-form {
    display: grid;
    gap: calc(var(--_fd-space) * 2);
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0;
    min-width: 0;
    display: grid;
    gap: var(--_fd-space);
  }
  legend {
    margin: 0 0 var(--_fd-space);
    padding: 0;
    font-size: 0.875em;
    font-weight: 600;
  }
  .calendars {
    list-style: none;
    display: grid;
    gap: var(--_fd-space);
  }
  .calendar {
    display: grid;
    gap: 2px;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: var(--_fd-space);
    min-height: 24px;
    overflow-wrap: anywhere;
  }
  input[type="checkbox"],
  input[type="radio"] {
    flex: none;
    width: 20px;
    min-height: 20px;
    height: 20px;
    margin: 2px 0 0;
    accent-color: var(--_fd-primary);
  }
  .freshness {
    padding-inline-start: calc(20px + var(--_fd-space));
    font-size: 0.875em;
    color: var(--_fd-muted);
    overflow-wrap: anywhere;
  }
  .freshness.failed,
  .warning {
    color: var(--_fd-danger);
  }
  .warning {
    font-weight: 600;
  }
  .reconnect {
    display: grid;
    gap: var(--_fd-space);
    padding: calc(var(--_fd-space) * 1.5);
    border: 2px solid var(--_fd-danger);
    border-radius: var(--_fd-radius);
  }
  .badge {
    justify-self: start;
    padding: 0 6px;
    border: 1px solid var(--_fd-border);
    border-radius: 999px;
    font-size: 0.75em;
    font-weight: 600;
  }
  .badge.connected {
    border-color: var(--_fd-success);
    color: var(--_fd-success);
  }
  .badge.broken {
    border-color: var(--_fd-danger);
    color: var(--_fd-danger);
  }
  .actions {
    flex-wrap: wrap;
  }
  .feed {
    display: grid;
    gap: var(--_fd-space);
  }
  .feed-title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_fd-space);
  }
  .feed-title h3 {
    margin: 0;
  }
  .feed-link {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fd-space);
  }
  .feed-link input {
    flex: 1 1 14em;
    min-width: 0;
    font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
    font-size: 0.875em;
  }
  .feed-link .button {
    flex: none;
  }
`;
