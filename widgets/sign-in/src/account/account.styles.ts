import { css } from "lit";

/** `<fd-account>`'s own styles: its sections, the lists of sessions and passkeys, the two-step set-up. */
export const accountStyles = css`
  :host {
    max-width: 640px;
  }
  .part {
    display: grid;
    gap: calc(var(--_fd-space) * 1.5);
    padding-block: calc(var(--_fd-space) * 2);
    border-top: 1px solid var(--_fd-border);
  }
  h3 {
    font-size: 1.0625em;
    font-weight: 650;
    color: var(--_fd-text);
  }
  select {
    max-width: 100%;
  }
  .rows {
    display: grid;
    gap: var(--_fd-space);
    list-style: none;
    padding: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_fd-space);
    padding: var(--_fd-space) calc(var(--_fd-space) * 1.5);
    border: 1px solid var(--_fd-border);
    border-radius: var(--_fd-radius);
  }
  .row-title {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .qr {
    width: 192px;
    height: 192px;
  }
  .secret,
  .codes code {
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    overflow-wrap: anywhere;
  }
  .codes {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9em, 1fr));
    gap: 4px var(--_fd-space);
    padding: 0;
    list-style: none;
  }
  .setup {
    display: grid;
    gap: var(--_fd-space);
  }
`;
