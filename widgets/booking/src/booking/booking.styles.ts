import { css } from "lit";

/** `<fd-booking>`'s own styles; what it shares with the other widgets is in @frontdesk/ui's widgetStyles. */
export const bookingStyles = css`
  .progress {
    display: inline-flex;
    align-items: center;
    gap: var(--_fd-space);
    white-space: nowrap;
  }
  .dots {
    display: inline-flex;
    gap: 4px;
  }
  .dot {
    width: 6px;
    height: 6px;
    border-radius: 50%;
    background: var(--_fd-border);
  }
  .dot.done {
    background: var(--_fd-edge);
  }

  .options {
    list-style: none;
    display: grid;
    gap: var(--_fd-space);
  }
  @container (min-width: 560px) {
    .options {
      grid-template-columns: 1fr 1fr;
    }
  }
  .option {
    display: flex;
    align-items: center;
    gap: calc(var(--_fd-space) * 1.5);
    width: 100%;
    height: 100%;
    padding: calc(var(--_fd-space) * 1.5) calc(var(--_fd-space) * 2);
    border: 1px solid var(--_fd-border);
    border-radius: var(--_fd-radius);
    background: var(--_fd-surface);
    transition: border-color 0.15s, background-color 0.15s;
  }
  .option:hover {
    border-color: var(--_fd-edge);
    background: var(--_fd-tint);
  }
  .option .icon {
    color: var(--_fd-muted);
  }
  .option-text {
    display: flex;
    flex-direction: column;
    gap: 2px;
    flex: 1;
    min-width: 0;
  }
  .option-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .option-meta {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.875em;
    color: var(--_fd-muted);
  }
  .avatar {
    flex: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 40px;
    height: 40px;
    border-radius: 50%;
    background: var(--_fd-tint);
    color: var(--_fd-accent);
    font-size: 0.875em;
    font-weight: 700;
  }
  .avatar .icon {
    color: inherit;
  }

  .confirmation {
    display: grid;
    gap: calc(var(--_fd-space) * 2);
    justify-items: start;
  }
  .confirmation .lead,
  .confirmation .summary {
    margin: 0;
    justify-self: stretch;
  }

  .hold {
    display: flex;
    align-items: center;
    gap: var(--_fd-space);
    margin: calc(var(--_fd-space) * -1) 0 calc(var(--_fd-space) * 2);
    font-size: 0.875em;
    color: var(--_fd-muted);
    font-variant-numeric: tabular-nums;
  }
  .hold.lapsed {
    color: var(--_fd-danger);
  }
  .hold .icon {
    width: 16px;
    height: 16px;
  }
  .approval-note {
    font-size: 0.875em;
    color: var(--_fd-muted);
  }
`;
