import { css } from "lit";

/** What `<fd-sign-in>` and `<fd-account>` add to @frontdesk/ui's widgetStyles: hints, text links, the "or" rule, lists. */
export const signInStyles = css`
  :host {
    display: block;
    max-width: 440px;
  }
  .hint {
    font-size: 0.875em;
    color: var(--_fd-muted);
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_fd-space);
    margin-top: calc(var(--_fd-space) * 2);
  }
  .link {
    padding: 4px 0;
    border: 0;
    background: none;
    color: var(--_fd-accent);
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 2px;
    cursor: pointer;
  }
  .or {
    display: flex;
    align-items: center;
    gap: var(--_fd-space);
    margin: calc(var(--_fd-space) * 2) 0;
    color: var(--_fd-muted);
    font-size: 0.875em;
  }
  .or::before,
  .or::after {
    content: "";
    flex: 1;
    border-top: 1px solid var(--_fd-border);
  }
  .button.wide {
    width: 100%;
  }
  .state.success {
    margin-bottom: calc(var(--_fd-space) * 2);
  }
`;
