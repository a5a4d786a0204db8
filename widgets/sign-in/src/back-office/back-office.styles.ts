import { css } from "lit";

/** `<fd-back-office>`'s own styles: the business heading and the column of tools under it. */
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
`;
