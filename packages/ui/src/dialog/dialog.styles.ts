import { css } from "lit";

/** The styles of DialogController's trigger and dialog, for a widget's `static styles`. */
export const dialogStyles = css`
  /* The trigger is the widget's main button, sized to its label, lifted off the host page. */
  .fd-trigger {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_fd-space);
    min-height: 44px;
    padding: 10px 20px;
    border: 1px solid var(--_fd-edge);
    border-radius: var(--_fd-radius);
    background: var(--_fd-primary);
    color: var(--_fd-on-primary);
    font-weight: 600;
    text-align: center;
    box-shadow: 0 1px 2px rgb(0 0 0 / 0.12);
  }
  .fd-trigger:hover {
    background: color-mix(in srgb, var(--_fd-primary) 88%, #000);
  }
  .fd-trigger:focus-visible {
    outline-offset: 3px;
  }
  .fd-trigger.floating {
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
  .fd-trigger.floating .icon {
    width: 26px;
    height: 26px;
  }

  .fd-dialog {
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
  .fd-dialog::backdrop {
    background: rgb(15 20 30 / 0.55);
  }
  .dialog-root {
    position: relative;
  }
  /* The dialog is the frame, and its Close button sits in the header's corner. */
  .dialog-root .frame {
    border: 0;
  }
  .dialog-root .header {
    padding-inline-end: 48px;
  }
  .dialog-root .powered-by {
    margin: 0 auto;
    padding: 0 var(--_fd-space) calc(var(--_fd-space) * 1.5);
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
  /* Phones: the whole screen. */
  @media (max-width: 480px) {
    .fd-dialog {
      width: 100vw;
      height: 100dvh;
      max-height: none;
      border: 0;
      border-radius: 0;
    }
  }
`;
