import { css } from "lit";

export const calendarStyles = css`
  .head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_fd-space);
    margin-bottom: var(--_fd-space);
  }
  .title {
    font-weight: 600;
    text-align: center;
    flex: 1;
  }
  .nav {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 40px;
    height: 40px;
    border-radius: var(--_fd-radius);
    color: var(--_fd-text);
  }
  .nav:hover:not([aria-disabled="true"]) {
    background: var(--_fd-hover);
  }
  .nav[aria-disabled="true"] {
    color: var(--_fd-border);
    cursor: default;
  }
  .nav svg {
    width: 20px;
    height: 20px;
  }
  .fd-root {
    container-type: inline-size;
  }
  table {
    width: 100%;
    table-layout: fixed;
    border-collapse: separate;
    border-spacing: 2px;
  }
  th {
    padding: 0 0 calc(var(--_fd-space) / 2);
    font-size: 0.75em;
    font-weight: 600;
    color: var(--_fd-muted);
    text-align: center;
  }
  .weekday-narrow {
    display: none;
  }
  /* Short names ("Wed", "الأربعاء") crowd seven columns on a phone: there the narrow ones ("W", "ر") show. */
  @container (max-width: 359px) {
    .weekday {
      display: none;
    }
    .weekday-narrow {
      display: inline;
    }
  }
  td {
    padding: 0;
    text-align: center;
  }
  .day {
    position: relative;
    width: 100%;
    min-height: 40px;
    aspect-ratio: 1;
    max-height: 48px;
    border-radius: var(--_fd-radius);
    text-align: center;
    font-variant-numeric: tabular-nums;
    color: var(--_fd-muted);
    cursor: default;
  }
  .day[aria-disabled="true"] {
    opacity: 0.55;
  }
  .day.available {
    background: var(--_fd-tint);
    color: var(--_fd-accent);
    font-weight: 600;
    cursor: pointer;
  }
  .day.available:hover {
    background: var(--_fd-primary);
    color: var(--_fd-on-primary);
    box-shadow: inset 0 0 0 1px var(--_fd-edge);
  }
  .day.today::after {
    content: "";
    position: absolute;
    inset-inline: 0;
    bottom: 5px;
    width: 4px;
    height: 4px;
    margin-inline: auto;
    border-radius: 50%;
    background: currentColor;
  }
  .day[aria-pressed="true"] {
    background: var(--_fd-primary);
    color: var(--_fd-on-primary);
    box-shadow: inset 0 0 0 1px var(--_fd-edge);
  }
  table[aria-busy="true"] .day {
    opacity: 0.45;
  }
`;
