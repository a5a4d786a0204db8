import { css } from "lit";
import { callsSharedStyles } from "../call-log/call-log.styles";

/** `<fd-call-detail>`'s own styles; the rest comes from widgetStyles and the call widgets' shared styles. */
export const callDetailStyles = [
  callsSharedStyles,
  css`
    section + section,
    .call-facts + section {
      margin-top: calc(var(--_fd-space) * 2.5);
    }
    .lead {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px var(--_fd-space);
      color: var(--_fd-muted);
    }
    .call-summary {
      margin: 0 0 var(--_fd-space);
      overflow-wrap: anywhere;
    }
    .call-facts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 14em), 1fr));
    }
    h4 {
      margin: 0;
      font-size: 0.9375em;
    }
    audio {
      width: 100%;
    }
    .timeline,
    .approval-list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--_fd-space);
    }
    .turn {
      display: grid;
      gap: 2px;
      max-width: 85%;
      padding: var(--_fd-space) calc(var(--_fd-space) * 1.5);
      border-radius: var(--_fd-radius);
      background: var(--_fd-hover);
    }
    .turn[data-role="agent"] {
      background: var(--_fd-tint);
    }
    .turn[data-role="user"] {
      justify-self: end;
    }
    .turn p {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .who {
      font-weight: 600;
      font-size: 0.875em;
    }
    .tool {
      border: 1px dashed var(--_fd-border);
      border-radius: var(--_fd-radius);
      padding: var(--_fd-space);
    }
    .tool[data-status="failed"] {
      border-color: var(--_fd-danger);
    }
    .tool summary {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px var(--_fd-space);
      cursor: pointer;
    }
    .tool-name {
      font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
      font-size: 0.875em;
      overflow-wrap: anywhere;
    }
    .tool-body {
      display: grid;
      gap: 4px;
      margin-top: var(--_fd-space);
    }
    .approval {
      display: grid;
      gap: var(--_fd-space);
      padding: calc(var(--_fd-space) * 1.5);
      border: 1px solid var(--_fd-border);
      border-radius: var(--_fd-radius);
    }
    .approval p {
      margin: 0;
    }
    .approval-head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: var(--_fd-space);
    }
    .approval .actions .button.primary {
      width: auto;
    }
    code {
      font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
      overflow-wrap: anywhere;
    }
    .empty {
      color: var(--_fd-muted);
    }
  `,
];
