import { css } from "lit";

/** `<fd-phone-numbers>`'s own styles; the rest comes from widgetStyles, the back office's and the phone widgets' shared styles. */
export const phoneNumbersStyles = css`
  form.inline {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_fd-space);
    margin: 0;
    flex: 1 1 100%;
  }
  form.inline .field {
    flex: 1 1 10em;
  }
  .row > .actions {
    flex: 1 1 100%;
  }
`;
