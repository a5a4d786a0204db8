import { css } from "lit";

/**
 * What the customer-facing widgets share: the frame, headings, time buttons, the zone select, form
 * fields, buttons, summaries, loading/error/success states and the "Powered by" footer.
 */
export const widgetStyles = css`
  .fd-root {
    container-type: inline-size;
  }
  .frame {
    background: var(--_fd-surface);
    border: 1px solid var(--_fd-border);
    border-radius: calc(var(--_fd-radius) * 1.5);
    padding: calc(var(--_fd-space) * 2);
  }
  @container (min-width: 480px) {
    .frame {
      padding: calc(var(--_fd-space) * 3);
    }
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_fd-space) / 2) calc(var(--_fd-space) * 2);
    padding-bottom: calc(var(--_fd-space) * 1.5);
    margin-bottom: calc(var(--_fd-space) * 2);
    border-bottom: 1px solid var(--_fd-border);
    font-size: 0.875em;
    color: var(--_fd-muted);
  }
  .business {
    display: inline-flex;
    align-items: center;
    gap: var(--_fd-space);
    min-width: 0;
    font-weight: 600;
    color: var(--_fd-text);
  }
  .badge {
    padding: 0 6px;
    border: 1px solid var(--_fd-border);
    border-radius: 999px;
    font-size: 0.75em;
    font-weight: 600;
    letter-spacing: 0.02em;
    color: var(--_fd-muted);
  }
  .back {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    margin: 0 0 var(--_fd-space);
    margin-inline-start: -6px;
    padding-block: 4px;
    padding-inline: 4px 10px;
    border-radius: var(--_fd-radius);
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_fd-muted);
  }
  .back:hover {
    color: var(--_fd-text);
    background: var(--_fd-hover);
  }
  h2 {
    margin-bottom: calc(var(--_fd-space) * 2);
    font-size: 1.25em;
    font-weight: 650;
    line-height: 1.3;
    color: var(--_fd-text);
  }
  .lead {
    margin-bottom: calc(var(--_fd-space) * 2);
    font-weight: 500;
  }
  .icon {
    flex: none;
    width: 20px;
    height: 20px;
  }

  .zone {
    display: grid;
    gap: 4px;
    margin-bottom: calc(var(--_fd-space) * 2);
    font-size: 0.875em;
  }
  .zone label {
    font-weight: 600;
    color: var(--_fd-muted);
  }
  select,
  input,
  textarea {
    width: 100%;
    min-height: 44px;
    padding: 8px 12px;
    border: 1px solid var(--_fd-border);
    border-radius: var(--_fd-radius);
    background: var(--_fd-surface);
    line-height: 1.4;
  }
  select {
    text-overflow: ellipsis;
  }
  input:focus,
  textarea:focus,
  select:focus {
    border-color: var(--_fd-edge);
  }
  :is(input, textarea)[aria-invalid="true"] {
    border-color: var(--_fd-danger);
  }
  .zone-select {
    position: relative;
    display: flex;
    align-items: center;
    gap: var(--_fd-space);
    max-width: 360px;
    min-height: 44px;
    padding: 8px 12px;
    border: 1px solid var(--_fd-border);
    border-radius: var(--_fd-radius);
    background: var(--_fd-surface);
    line-height: 1.4;
  }
  .zone-shown {
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .zone-select .icon {
    color: var(--_fd-muted);
  }
  .zone-select select {
    position: absolute;
    inset: 0;
    min-height: 0;
    height: 100%;
    opacity: 0;
    cursor: pointer;
  }
  .zone-select:focus-within {
    border-color: var(--_fd-edge);
    outline: var(--_fd-focus) !important;
    outline-offset: 2px;
  }

  fd-calendar {
    display: block;
    max-width: 400px;
    margin-inline: auto;
  }

  .time {
    width: 100%;
    min-height: 44px;
    padding: 8px;
    border: 1px solid var(--_fd-border);
    border-radius: var(--_fd-radius);
    background: var(--_fd-surface);
    color: var(--_fd-accent);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    text-align: center;
    white-space: nowrap;
  }
  .time {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    line-height: 1.25;
  }
  .seats {
    font-size: 0.75em;
    font-weight: 500;
    opacity: 0.85;
  }
  .times {
    list-style: none;
    display: grid;
    gap: var(--_fd-space);
    grid-template-columns: repeat(auto-fill, minmax(88px, 1fr));
  }
  .period + .period {
    margin-top: calc(var(--_fd-space) * 2);
  }
  h3 {
    margin: 0 0 var(--_fd-space);
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_fd-muted);
  }
  .time:hover,
  .time[aria-pressed="true"] {
    border-color: var(--_fd-edge);
    background: var(--_fd-primary);
    color: var(--_fd-on-primary);
  }

  .state {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--_fd-space);
    margin-top: calc(var(--_fd-space) * 2);
    padding: calc(var(--_fd-space) * 2);
    border-radius: var(--_fd-radius);
    background: var(--_fd-hover);
    color: var(--_fd-muted);
    text-align: center;
  }
  .state.loading {
    flex-direction: row;
    justify-content: center;
  }
  .state.error,
  .state.notice {
    align-items: flex-start;
    border: 1px solid color-mix(in srgb, var(--_fd-danger) 35%, var(--_fd-surface));
    background: color-mix(in srgb, var(--_fd-danger) 7%, var(--_fd-surface));
    color: var(--_fd-danger);
    text-align: start;
  }
  .state.notice {
    margin: 0 0 calc(var(--_fd-space) * 2);
  }
  .spinner {
    flex: none;
    width: 16px;
    height: 16px;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 2.4s;
    }
  }

  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_fd-space);
    min-height: 40px;
    padding: 8px 16px;
    border: 1px solid var(--_fd-border);
    border-radius: var(--_fd-radius);
    background: var(--_fd-surface);
    color: var(--_fd-text);
    font-weight: 600;
    text-align: center;
  }
  .button:hover {
    background: var(--_fd-hover);
  }
  .button.primary {
    width: 100%;
    min-height: 44px;
    border-color: var(--_fd-edge);
    background: var(--_fd-primary);
    color: var(--_fd-on-primary);
  }
  .button.primary:hover {
    background: color-mix(in srgb, var(--_fd-primary) 88%, #000);
  }
  .button[aria-disabled="true"] {
    opacity: 0.75;
    cursor: progress;
  }
  .state.error .button {
    color: var(--_fd-text);
  }

  .summary {
    display: grid;
    grid-template-columns: minmax(3.5em, max-content) 1fr;
    gap: 4px calc(var(--_fd-space) * 2);
    margin-bottom: calc(var(--_fd-space) * 2);
    padding: calc(var(--_fd-space) * 1.5) calc(var(--_fd-space) * 2);
    border-radius: var(--_fd-radius);
    background: var(--_fd-hover);
    font-size: 0.9375em;
  }
  .summary > div {
    display: contents;
  }
  .summary dt {
    color: var(--_fd-muted);
  }
  .summary dd {
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .when {
    display: block;
  }

  form {
    display: grid;
    gap: calc(var(--_fd-space) * 2);
  }
  .field {
    display: grid;
    gap: 4px;
  }
  .field label {
    font-size: 0.875em;
    font-weight: 600;
  }
  textarea {
    min-height: 88px;
    resize: vertical;
  }
  .field-error {
    font-size: 0.875em;
    color: var(--_fd-danger);
  }

  .state.success {
    align-items: flex-start;
    border: 1px solid color-mix(in srgb, var(--_fd-success) 35%, var(--_fd-surface));
    background: color-mix(in srgb, var(--_fd-success) 9%, var(--_fd-surface));
    color: var(--_fd-text);
    text-align: start;
  }
  .button.danger {
    border-color: var(--_fd-danger);
    background: var(--_fd-danger);
    color: var(--_fd-surface);
  }
  .button.danger:hover {
    background: color-mix(in srgb, var(--_fd-danger) 88%, #000);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fd-space);
  }
  .actions .button {
    flex: 1 1 12em;
  }

  /* It sits on the host page, outside the frame: its own surface keeps it readable on any page background. */
  .powered-by {
    width: fit-content;
    margin: calc(var(--_fd-space) * 1.5) auto 0;
    padding: 0 var(--_fd-space);
    border-radius: 999px;
    background: var(--_fd-surface);
    font-size: 0.75em;
    text-align: center;
    color: var(--_fd-muted);
  }
`;
