import { css } from "lit";

/** What the call widgets share: facts as label and value, badges by outcome, plain link-like buttons. */
export const callsSharedStyles = css`
  h3 {
    margin: 0 0 var(--_fd-space);
    font-size: 1em;
    color: var(--_fd-text);
  }
  .hint {
    font-size: 0.875em;
    color: var(--_fd-muted);
  }
  .link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_fd-accent);
    font: inherit;
    font-weight: 600;
    text-align: start;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 4px calc(var(--_fd-space) * 2);
    margin: 0;
    font-size: 0.875em;
  }
  .facts > div {
    display: flex;
    gap: 4px;
    min-width: 0;
  }
  .facts dt {
    color: var(--_fd-muted);
  }
  .facts dt::after {
    content: ":";
  }
  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin: 0;
  }
  .badge[data-kind="successful"],
  .badge[data-kind="approved"] {
    border-color: var(--_fd-success);
    color: var(--_fd-success);
  }
  .badge[data-kind="failed"],
  .badge[data-kind="rejected"] {
    border-color: var(--_fd-danger);
    color: var(--_fd-danger);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  pre {
    margin: 0;
    padding: var(--_fd-space);
    border-radius: var(--_fd-radius);
    background: var(--_fd-hover);
    font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
    font-size: 0.8125em;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
`;

/** `<fd-call-log>`'s own styles; the rest comes from widgetStyles. */
export const callLogStyles = [
  callsSharedStyles,
  css`
    .live {
      display: grid;
      gap: var(--_fd-space);
      margin-bottom: calc(var(--_fd-space) * 2);
      padding: calc(var(--_fd-space) * 1.5);
      border: 1px solid var(--_fd-border);
      border-radius: var(--_fd-radius);
    }
    .live h3 {
      margin: 0;
    }
    .live-calls,
    .agents,
    .calls {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .live-calls li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px var(--_fd-space);
    }
    .pulse {
      width: 0.6em;
      height: 0.6em;
      border-radius: 50%;
      background: var(--_fd-danger);
    }
    .agents {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_fd-space);
    }
    .agent {
      display: grid;
      padding: 4px var(--_fd-space);
      border: 1px solid var(--_fd-border);
      border-radius: var(--_fd-radius);
    }
    .agent[data-status="active"] {
      border-inline-start: 4px solid var(--_fd-success);
    }
    .agent-name {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .filters {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 11em), 1fr));
      gap: var(--_fd-space) calc(var(--_fd-space) * 1.5);
      margin-bottom: calc(var(--_fd-space) * 2);
    }
    .filters .search {
      grid-column: 1 / -1;
    }
    .filter-actions {
      grid-column: 1 / -1;
      display: flex;
      flex-wrap: wrap;
      gap: var(--_fd-space);
    }
    .filter-actions .button {
      width: auto;
      flex: 1 1 9em;
    }
    .calls {
      display: grid;
      gap: var(--_fd-space);
    }
    .call {
      display: grid;
      gap: 6px;
      padding: calc(var(--_fd-space) * 1.5);
      border: 1px solid var(--_fd-border);
      border-radius: var(--_fd-radius);
    }
    .call[data-outcome="failed"] {
      border-inline-start: 4px solid var(--_fd-danger);
    }
    .call[data-outcome="escalated"] {
      border-inline-start: 4px solid var(--_fd-accent);
    }
    .call-head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 4px var(--_fd-space);
    }
    .summary-line,
    .snippet {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .snippet {
      font-size: 0.875em;
      color: var(--_fd-muted);
    }
    mark {
      background: var(--_fd-tint);
      color: var(--_fd-text);
      font-weight: 600;
    }
    .calls[aria-busy="true"] {
      opacity: 0.6;
    }
    .pager {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: var(--_fd-space);
      margin-top: calc(var(--_fd-space) * 2);
    }
    .back-to-calls {
      margin-bottom: var(--_fd-space);
    }
    .empty {
      color: var(--_fd-muted);
    }
  `,
];
