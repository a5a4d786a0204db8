import { css } from "lit";

/** What `<fd-phone-numbers>` and `<fd-agents>` share: status badges, inline forms and panels. */
export const phoneStyles = css`
  .badge {
    justify-self: start;
    padding: 0 6px;
    border: 1px solid var(--_fd-border);
    border-radius: 999px;
    font-size: 0.75em;
    font-weight: 600;
    color: var(--_fd-muted);
  }
  .badge.active {
    border-color: var(--_fd-success);
    color: var(--_fd-success);
  }
  .badge.suspended,
  .badge.error {
    border-color: var(--_fd-danger);
    color: var(--_fd-danger);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_fd-space) / 2) var(--_fd-space);
  }
  .number {
    unicode-bidi: isolate;
    direction: ltr;
    white-space: nowrap;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fd-space);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12em), 1fr));
    gap: var(--_fd-space) calc(var(--_fd-space) * 2);
  }
  form,
  .panel {
    display: grid;
    gap: calc(var(--_fd-space) * 1.5);
    margin-top: calc(var(--_fd-space) * 1.5);
  }
  .panel {
    padding: calc(var(--_fd-space) * 1.5);
    border: 1px solid var(--_fd-border);
    border-radius: var(--_fd-radius);
  }
  h4 {
    font-size: 1em;
  }
  .grid {
    align-items: start;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    justify-content: flex-start;
    gap: var(--_fd-space);
    font-weight: normal;
    overflow-wrap: anywhere;
  }
  .choice input[type="checkbox"],
  .choice input[type="radio"] {
    flex: none;
    width: 20px;
    min-height: 20px;
    height: 20px;
    margin: 2px 0 0;
    accent-color: var(--_fd-primary);
  }
  .results {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 16em), 1fr));
  }
  fieldset {
    border: 1px solid var(--_fd-border);
    border-radius: var(--_fd-radius);
    padding: var(--_fd-space) calc(var(--_fd-space) * 1.5);
  }
  .results {
    list-style: none;
    display: grid;
    gap: calc(var(--_fd-space) / 2);
  }
`;
