import { css } from "lit";

/** `<fd-back-office>`'s own styles: the business heading, the appointment a link opens, and the column of tools under it. */
export const backOfficeStyles = css`
  :host {
    display: block;
    max-width: 960px;
    margin-inline: auto;
  }
  .bar {
    align-items: flex-end;
    margin-bottom: 0;
    padding-bottom: 0;
    border-bottom: 0;
  }
  .business-name {
    font-size: 1.5em;
    font-weight: 700;
    color: var(--_fd-text);
  }
  .tools {
    display: grid;
    gap: calc(var(--_fd-space) * 3);
    margin-top: calc(var(--_fd-space) * 3);
  }
  .tools > fd-account,
  fd-sign-in {
    max-width: none;
  }
  fd-sign-in {
    max-width: 440px;
    margin-inline: auto;
  }
  .notice-info {
    max-width: 440px;
    margin: 0 auto calc(var(--_fd-space) * 2);
  }
  .appointment-head,
  .pending-note {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_fd-space) calc(var(--_fd-space) * 2);
    margin-bottom: calc(var(--_fd-space) * 2);
  }
  .appointment h2 {
    margin-bottom: 0;
  }
  .appointment .summary {
    margin-bottom: 0;
  }
  /* On a phone the labels go above their values, which then have the whole width. */
  @container (max-width: 479px) {
    .appointment .summary {
      grid-template-columns: 1fr;
      gap: 0;
    }
    .appointment .summary dt {
      font-size: 0.875em;
    }
    .appointment .summary dd:not(:last-child) {
      margin-bottom: var(--_fd-space);
    }
  }
  .appointment .hint {
    margin-top: var(--_fd-space);
  }
  .contact {
    display: block;
    width: fit-content;
    max-width: 100%;
    padding: 0;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .contact[href^="tel:"] {
    white-space: nowrap;
  }
  .notes {
    white-space: pre-line;
  }
  .status.pending,
  .status.held {
    border-color: currentColor;
    color: var(--_fd-accent);
  }
  .status.confirmed,
  .status.completed {
    border-color: currentColor;
    color: var(--_fd-success);
  }
  .status.cancelled,
  .status.rejected,
  .status.expired,
  .status.no_show {
    border-color: currentColor;
    color: var(--_fd-danger);
  }
  .pending-note {
    padding: calc(var(--_fd-space) * 1.5) calc(var(--_fd-space) * 2);
    border: 1px solid color-mix(in srgb, var(--_fd-accent) 35%, var(--_fd-surface));
    border-radius: var(--_fd-radius);
    background: var(--_fd-tint);
  }
  .pending-note p {
    flex: 1 1 16em;
  }
`;
