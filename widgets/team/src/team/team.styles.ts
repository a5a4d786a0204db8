import { css } from "lit";

/** `<fd-team>`'s own styles; the rest comes from widgetStyles and the back office's shared styles. */
export const teamStyles = css`
  .remove {
    flex: none;
  }
`;
