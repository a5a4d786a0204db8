import { css } from "lit";

/** What the back-office widgets add to @frontdesk/ui's widgetStyles: sections, rows of people or things, and notes. */
export const backOfficeStyles = css`
  .section + .section {
    margin-top: calc(var(--_fd-space) * 3);
    padding-top: calc(var(--_fd-space) * 2);
    border-top: 1px solid var(--_fd-border);
  }
  h3 {
    font-size: 1em;
    color: var(--_fd-text);
  }
  .rows {
    list-style: none;
    display: grid;
    gap: var(--_fd-space);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_fd-space) calc(var(--_fd-space) * 2);
    padding: calc(var(--_fd-space) * 1.5);
    border: 1px solid var(--_fd-border);
    border-radius: var(--_fd-radius);
  }
  .who {
    display: grid;
    flex: 1 1 12em;
    min-width: 0;
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .email,
  .empty,
  .hint {
    font-size: 0.875em;
    color: var(--_fd-muted);
    overflow-wrap: anywhere;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fd-space);
    flex: 1 1 16em;
  }
  .controls .field {
    flex: 1 1 9em;
  }
  .confirm {
    flex: 1 1 100%;
    display: grid;
    gap: var(--_fd-space);
  }
  .state.refusal {
    align-items: flex-start;
    text-align: start;
    color: var(--_fd-text);
  }
  .state.success {
    margin: 0 0 calc(var(--_fd-space) * 2);
  }
  select:disabled {
    opacity: 0.7;
  }
  code {
    font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
    overflow-wrap: anywhere;
  }
`;
