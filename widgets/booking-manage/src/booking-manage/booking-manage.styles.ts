import { css } from "lit";

/** `<fd-booking-manage>`'s own styles; the rest comes from @frontdesk/ui's widgetStyles. */
export const bookingManageStyles = css`
  .status-badge {
    display: inline-block;
    padding: 0 8px;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.8125em;
    font-weight: 600;
    line-height: 1.6;
    color: var(--_fd-muted);
  }
  .status-badge.confirmed,
  .status-badge.completed {
    color: var(--_fd-success);
  }
  .status-badge.pending,
  .status-badge.held {
    color: var(--_fd-accent);
  }
  .status-badge.cancelled,
  .status-badge.rejected,
  .status-badge.expired,
  .status-badge.no_show {
    color: var(--_fd-danger);
  }
  .cancelled-when {
    text-decoration: line-through;
    color: var(--_fd-muted);
  }
  .policy {
    margin-bottom: calc(var(--_fd-space) * 2);
    font-size: 0.875em;
    color: var(--_fd-muted);
  }
  .state.success,
  .state.notice {
    margin: 0 0 calc(var(--_fd-space) * 2);
  }
  .state.reason {
    align-items: flex-start;
    margin: 0;
    text-align: start;
  }
  .cancel-form {
    gap: calc(var(--_fd-space) * 1.5);
  }
`;
