import { css } from "lit";

/** `<fd-agents>`'s own styles: the open panel under an agent and the prompt's diff. */
export const agentsStyles = css`
  .row > .actions {
    flex: 1 1 100%;
  }
  .opened {
    flex: 1 1 100%;
    min-width: 0;
  }
  .error-text {
    color: var(--_fd-danger);
  }
  .diff {
    list-style: none;
    max-height: 24em;
    overflow: auto;
    padding: var(--_fd-space);
    border: 1px solid var(--_fd-border);
    border-radius: var(--_fd-radius);
    font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
    font-size: 0.8125em;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .diff ins,
  .diff del {
    text-decoration: none;
    display: block;
  }
  .diff .added {
    color: var(--_fd-success);
  }
  .diff .removed {
    color: var(--_fd-danger);
  }
  .diff .fold {
    color: var(--_fd-muted);
    font-style: italic;
  }
  .sign {
    display: inline-block;
    width: 1.5ch;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
