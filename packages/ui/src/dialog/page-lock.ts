/** The element that has focus, looking into shadow roots; none when it is the page itself. */
function deepActiveElement(): HTMLElement | undefined {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element instanceof HTMLElement && element !== document.body ? element : undefined;
}

/**
 * What the host page is given back when the booking dialog closes. A modal `<dialog>` makes the page inert but the
 * wheel, the keyboard and touch still scroll it, and `overscroll-behavior: contain` on the dialog only stops scrolling
 * that starts inside a dialog that can scroll itself. So the page's root gets `overflow: hidden` (which keeps its
 * scroll position) while the dialog is open, and afterwards exactly the inline values it had, or none.
 */
export class PageLock {
  private restore: (() => void) | undefined;
  private opener: HTMLElement | undefined;

  /** Locks the page's scroll and notes what had focus, to give it back on release. */
  lock(): void {
    if (this.restore) return;
    this.opener = deepActiveElement();
    const root = document.documentElement;
    const before = root.getAttribute("style");
    const saved = ["overflow", "scrollbar-gutter"].map((name) => [name, root.style.getPropertyValue(name), root.style.getPropertyPriority(name)] as const);
    // Without its scrollbar the page would widen and shift sideways; keep the scrollbar's room when it had one.
    const hadScrollbar = window.innerWidth > root.clientWidth;
    root.style.setProperty("overflow", "hidden", "important");
    if (hadScrollbar) root.style.setProperty("scrollbar-gutter", "stable", "important");
    const locked = root.getAttribute("style");
    this.restore = () => {
      // The page's own attribute, to the character, unless the page changed its inline style meanwhile; then just ours.
      if (root.getAttribute("style") === locked) {
        if (before === null) root.removeAttribute("style");
        else root.setAttribute("style", before);
        return;
      }
      for (const [name, value, priority] of saved) {
        if (value) root.style.setProperty(name, value, priority);
        else root.style.removeProperty(name);
      }
    };
  }

  /** Gives the page its scroll back, and focus to what had it before `lock()`, else to `fallback`. */
  release(fallback?: HTMLElement | null): void {
    this.restore?.();
    this.restore = undefined;
    const target = this.opener?.isConnected ? this.opener : fallback;
    this.opener = undefined;
    // The page is back where it was; focusing must not scroll it.
    target?.focus({ preventScroll: true });
  }
}
