-- Who asked for a hold (a keyed hash of their address), so the server can cap the holds one address keeps.
ALTER TABLE `appointments` ADD `hold_client` text;