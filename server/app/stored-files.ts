import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Files the server keeps (call recordings, uploaded documents): unstorage's raw item calls, which a mount also has. */
export interface FileStore {
  setItemRaw(key: string, value: Uint8Array): Promise<void>;
  getItemRaw(key: string): Promise<Uint8Array | null | undefined>;
  removeItem(key: string): Promise<void>;
}

/** Files under `dir`, one per key (`:` separates folders). */
export function folderFileStore(dir: string): FileStore {
  const path = (key: string) => join(dir, ...key.split(":").filter((part) => part !== "" && part !== "." && part !== ".."));
  return {
    async setItemRaw(key, value) {
      await mkdir(dirname(path(key)), { recursive: true });
      await writeFile(path(key), value);
    },
    getItemRaw: (key) => readFile(path(key)).then((bytes) => new Uint8Array(bytes), (error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? null : Promise.reject(error))),
    removeItem: (key) => rm(path(key), { force: true }),
  };
}

/** The little of Nitro's storage (unstorage) that finds a configured mount and reads and writes through it. */
interface MountedStorage {
  getMount(key: string): { base: string };
  getItemRaw(key: string): Promise<unknown>;
  setItemRaw(key: string, value: Uint8Array): Promise<void>;
  removeItem(key: string): Promise<void>;
}

/**
 * The storage mount named `mount` when the server configures one (nitro.config.ts), else the folder of that name beside
 * a file database (or in `./data`): kept across restarts either way.
 */
export function fileStoreFor(storage: MountedStorage, mount: string, databaseUrl: string): FileStore {
  if (storage.getMount(`${mount}:`).base === `${mount}:`) {
    return {
      getItemRaw: async (key) => (await storage.getItemRaw(`${mount}:${key}`)) as Uint8Array | null,
      setItemRaw: (key, value) => storage.setItemRaw(`${mount}:${key}`, value),
      removeItem: (key) => storage.removeItem(`${mount}:${key}`),
    };
  }
  const file = /^file:(.+)$/.exec(databaseUrl)?.[1];
  return folderFileStore(join(file ? dirname(file) : "./data", mount));
}
