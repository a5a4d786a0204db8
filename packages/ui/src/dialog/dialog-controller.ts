import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import { msg } from "@lit/localize";
import { calendarIcon, closeIcon } from "../icons";
import { PageLock } from "./page-lock";

/** How a widget sits behind a button: a button in the page's flow, or a round one in the window's corner. */
export type DialogMode = "popup" | "floating";

export interface DialogCallbacks {
  /** The dialog is open; the widget moves focus into it and says so to the page. */
  opened?: () => void;
  /** The dialog closed, focus is back and the page scrolls again. */
  closed?: () => void;
}

export interface DialogParts {
  mode: DialogMode;
  /** The trigger's text; the floating button's accessible name. */
  label: string;
  /** The id of the element in the content that names the dialog. */
  labelledBy: string;
  content: unknown;
}

/**
 * A widget behind a button: the trigger (parts `trigger`), a native modal `<dialog>` (`dialog`) with a Close button
 * (`close`), and what opening and closing does to the host page: it is kept still while the dialog is open (PageLock),
 * and focus goes back to whatever opened the dialog, else to the trigger. Esc, Close, a click on the backdrop and
 * `close()` all close it. The widget adds `dialogStyles` to its styles; the content stays in the widget's own shadow
 * root, so the widget's styles, theme repairs, ids and focus handling reach it as they do inline.
 */
export class DialogController implements ReactiveController {
  private readonly pageLock = new PageLock();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment },
    private readonly callbacks: DialogCallbacks = {},
  ) {
    host.addController(this);
  }

  get isOpen(): boolean {
    return this.dialog?.open ?? false;
  }

  /** Opens the dialog (once the widget has drawn it), noting what had focus to give it back on close. */
  show(): void {
    if (!this.host.isConnected) return;
    const dialog = this.dialog;
    if (!dialog) {
      void this.host.updateComplete.then(() => this.dialog && this.show());
      return;
    }
    if (dialog.open) return;
    this.pageLock.lock();
    dialog.showModal();
    this.callbacks.opened?.();
  }

  close(): void {
    this.dialog?.close();
  }

  hostDisconnected(): void {
    // A dialog removed with its element fires no close event; the page still gets its scroll back.
    this.pageLock.release();
  }

  // Looked up rather than held by a ref directive, which would add a kilobyte to embed.js.
  private get dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector("dialog.fd-dialog");
  }

  render({ mode, label, labelledBy, content }: DialogParts): TemplateResult {
    const floating = mode === "floating";
    return html`<button
        type="button"
        class=${floating ? "fd-trigger floating" : "fd-trigger"}
        part="trigger"
        aria-haspopup="dialog"
        aria-label=${floating ? label : nothing}
        title=${floating ? label : nothing}
        @click=${() => this.show()}
      >
        ${floating ? calendarIcon() : label}
      </button>
      <dialog class="fd-dialog" part="dialog" aria-labelledby=${labelledBy} @close=${this.onClosed} @click=${this.onClick}>
        <div class="fd-root dialog-root">
          <button type="button" class="close" part="close" aria-label=${msg("Close")} @click=${() => this.close()}>${closeIcon()}</button>
          ${content}
        </div>
      </dialog>`;
  }

  private readonly onClosed = (): void => {
    this.pageLock.release(this.host.renderRoot.querySelector<HTMLElement>(".fd-trigger"));
    this.callbacks.closed?.();
  };

  private readonly onClick = (event: MouseEvent): void => {
    // The dialog has no padding, so a click whose target is the dialog itself landed on the backdrop.
    if (event.target === event.currentTarget) this.close();
  };
}
