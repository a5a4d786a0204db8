import { css } from "lit";

/** `<fd-approvals>`'s own styles; the rest comes from widgetStyles. */
export const approvalsStyles = css`
  h3 {
    margin: 0;
    flex: 1 1 10em;
    min-width: 0;
    font-size: 1em;
    color: var(--_fd-text);
    overflow-wrap: anywhere;
  }
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin-bottom: calc(var(--_fd-space) * 2);
  }
  .tab {
    min-height: 44px;
    padding: 0 calc(var(--_fd-space) * 1.5);
    border: 1px solid var(--_fd-border);
    border-radius: 999px;
    background: var(--_fd-surface);
    color: var(--_fd-text);
    font: inherit;
    font-size: 0.875em;
    cursor: pointer;
  }
  .tab[aria-pressed="true"] {
    border-color: var(--_fd-accent);
    background: var(--_fd-primary);
    color: var(--_fd-on-primary);
    font-weight: 600;
  }
  .tab:focus-visible,
  .link:focus-visible,
  .approval:focus-visible {
    outline: var(--_fd-focus);
    outline-offset: 2px;
  }
  .bulk {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_fd-space) calc(var(--_fd-space) * 2);
    margin-bottom: calc(var(--_fd-space) * 2);
    padding: calc(var(--_fd-space) * 1.5);
    border: 1px dashed var(--_fd-border);
    border-radius: var(--_fd-radius);
  }
  .bulk .form {
    flex: 1 1 100%;
  }
  .check {
    display: flex;
    align-items: center;
    gap: var(--_fd-space);
    min-height: 44px;
    font-size: 0.875em;
  }
  .count {
    font-size: 0.875em;
    color: var(--_fd-muted);
  }
  input[type="checkbox"] {
    flex: none;
    width: 20px;
    height: 20px;
    min-height: 20px;
    margin: 0;
    accent-color: var(--_fd-accent);
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_fd-space) * 1.5);
  }
  .approval {
    display: grid;
    gap: var(--_fd-space);
    padding: calc(var(--_fd-space) * 1.5);
    border: 1px solid var(--_fd-border);
    border-radius: var(--_fd-radius);
    min-width: 0;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_fd-space);
  }
  .kind {
    display: block;
    font-size: 0.75em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--_fd-muted);
  }
  .badge.approved {
    border-color: var(--_fd-success);
    color: var(--_fd-success);
  }
  .badge.rejected,
  .badge.failed {
    border-color: var(--_fd-danger);
    color: var(--_fd-danger);
  }
  .facts {
    margin: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14em), 1fr));
    gap: 4px calc(var(--_fd-space) * 2);
  }
  .facts dt {
    font-size: 0.75em;
    color: var(--_fd-muted);
  }
  .facts dd {
    margin: 0;
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .link {
    padding: 0;
    min-height: 24px;
    border: 0;
    background: none;
    color: var(--_fd-accent);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
    text-align: start;
  }
  .form {
    display: grid;
    gap: var(--_fd-space);
  }
  .pair {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fd-space);
  }
  .pair .field {
    flex: 1 1 10em;
  }
  .hint,
  .empty {
    margin: 0;
    font-size: 0.875em;
    color: var(--_fd-muted);
  }
  .actions {
    flex-wrap: wrap;
  }
  .more {
    margin-top: calc(var(--_fd-space) * 2);
  }
  .state.refusal {
    align-items: flex-start;
    text-align: start;
    color: var(--_fd-text);
  }
`;
