// Preloaded into a docs example's process (`node --import`): its Date runs from FRONTDESK_CLOCK, as the test server's does,
// so "today" in a copy-pasted example is the server's today whatever the date.
const start = Date.parse(process.env.FRONTDESK_CLOCK ?? "");
if (!Number.isNaN(start)) {
  const SystemDate = Date;
  const offset = start - SystemDate.now();
  globalThis.Date = class extends SystemDate {
    constructor(...args) {
      if (args.length === 0) super(SystemDate.now() + offset);
      else super(...args);
    }
    static now() {
      return SystemDate.now() + offset;
    }
  };
}
