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

  /* popup and floating modes */
  /* The trigger is a primary button that sizes to its label and lifts off the host page. */
  .button.trigger {
    width: auto;
    padding: 10px 20px;
    box-shadow: 0 1px 2px rgb(0 0 0 / 0.12);
  }
  .trigger.floating {
    position: fixed;
    z-index: 2147483000;
    /* The corner after the text: bottom right in English, bottom left in Arabic. */
    inset-inline-end: max(16px, env(safe-area-inset-right), env(safe-area-inset-left));
    bottom: max(16px, env(safe-area-inset-bottom));
    width: 60px;
    height: 60px;
    padding: 0;
    border-radius: 50%;
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.22), 0 2px 6px rgb(0 0 0 / 0.14);
  }
  .trigger.floating .icon {
    width: 26px;
    height: 26px;
  }
  .trigger:focus-visible {
    outline-offset: 3px;
  }

  dialog {
    width: min(640px, calc(100vw - 32px));
    max-width: none;
    max-height: calc(100dvh - 32px);
    margin: auto;
    padding: 0;
    border: 1px solid var(--_fd-border);
    border-radius: calc(var(--_fd-radius) * 1.5);
    background: var(--_fd-surface);
    color: var(--_fd-text);
    box-shadow: 0 24px 64px rgb(0 0 0 / 0.3);
    overscroll-behavior: contain;
  }
  dialog::backdrop {
    background: rgb(15 20 30 / 0.55);
  }
  .dialog-root {
    position: relative;
  }
  .dialog-root .frame {
    border: 0;
  }
  .dialog-root .header {
    padding-inline-end: 48px;
  }
  .close {
    position: absolute;
    z-index: 1;
    top: 8px;
    inset-inline-end: 8px;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 44px;
    height: 44px;
    border-radius: var(--_fd-radius);
    color: var(--_fd-muted);
  }
  .close:hover {
    background: var(--_fd-hover);
    color: var(--_fd-text);
  }
  .dialog-root .powered-by {
    margin: 0 auto;
    padding: 0 var(--_fd-space) calc(var(--_fd-space) * 1.5);
  }
  @media (max-width: 480px) {
    dialog {
      width: 100vw;
      height: 100dvh;
      max-height: none;
      border: 0;
      border-radius: 0;
    }
  }
`;
