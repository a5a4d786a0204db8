import { css } from "lit";

/** `<fd-business-setup>`'s own styles: the step list, the week of hours, keys to copy. */
export const businessSetupStyles = css`
  .header {
    display: grid;
    justify-content: stretch;
  }
  .steps ol {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: 4px var(--_fd-space);
  }
  .step-link {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 36px;
    padding: 4px 10px 4px 4px;
    padding-inline: 4px 10px;
    border-radius: 999px;
    color: var(--_fd-muted);
    font-weight: 600;
  }
  .step-link:hover {
    background: var(--_fd-hover);
    color: var(--_fd-text);
  }
  .step-number {
    display: inline-grid;
    place-items: center;
    width: 24px;
    height: 24px;
    border: 1px solid currentColor;
    border-radius: 50%;
    font-size: 0.8125em;
  }
  .step-link.done {
    color: var(--_fd-success);
  }
  .step-link[aria-current="step"] {
    color: var(--_fd-text);
  }
  .step-link[aria-current="step"] .step-number {
    border-color: var(--_fd-edge);
    background: var(--_fd-primary);
    color: var(--_fd-on-primary);
  }
  fieldset {
    border: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    margin-bottom: var(--_fd-space);
    font-size: 0.875em;
    font-weight: 600;
  }
  .week {
    display: grid;
    gap: var(--_fd-space);
  }
  .day {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px calc(var(--_fd-space) * 2);
    min-height: 44px;
  }
  .day-open,
  .choice {
    display: inline-flex;
    align-items: center;
    gap: var(--_fd-space);
    min-width: 9em;
    font-weight: 500;
  }
  input[type="checkbox"] {
    width: 20px;
    min-height: 20px;
    height: 20px;
    margin: 0;
    accent-color: var(--_fd-primary);
  }
  .day-times {
    display: inline-flex;
    align-items: center;
    gap: var(--_fd-space);
    flex-wrap: wrap;
  }
  .day-times input {
    width: 8.5em;
  }
  .closed {
    color: var(--_fd-muted);
  }
  .choices {
    display: grid;
    gap: var(--_fd-space);
  }
  .field-row {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_fd-space) * 2);
  }
  .field-row .field {
    flex: 1 1 8em;
  }
  .step-actions {
    margin-top: calc(var(--_fd-space) * 3);
  }
  .copyable {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_fd-space);
  }
  .copyable code {
    flex: 1 1 12em;
    min-width: 0;
    padding: 6px 8px;
    border-radius: var(--_fd-radius);
    background: var(--_fd-hover);
    color: var(--_fd-text);
    user-select: all;
  }
  .snippet {
    margin: 0 0 calc(var(--_fd-space) * 2);
    padding: var(--_fd-space);
    border-radius: var(--_fd-radius);
    background: var(--_fd-hover);
    font-size: 0.8125em;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    text-align: left;
  }
  .state.once {
    align-items: stretch;
    margin: 0;
    border: 1px solid var(--_fd-danger);
    background: var(--_fd-surface);
    color: var(--_fd-text);
    text-align: start;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
