-- Full-text search over transcripts and the knowledge base (FTS5; drizzle-kit does not model virtual tables).
-- External-content tables: the text lives once, in call_transcripts and knowledge_entries, read through their
-- explicit rowid `seq`; triggers keep the index in step. `tenant_token` is one token naming the tenant, so every
-- search filters by it inside the index. Accents do not matter: 'manana' finds 'mañana'.
CREATE VIRTUAL TABLE `call_transcripts_fts` USING fts5(
	tenant_token, text,
	content='call_transcripts', content_rowid='seq',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `call_transcripts_fts_insert` AFTER INSERT ON `call_transcripts` BEGIN
	INSERT INTO call_transcripts_fts(rowid, tenant_token, text) VALUES (new.seq, new.tenant_token, new.text);
END;
--> statement-breakpoint
CREATE TRIGGER `call_transcripts_fts_delete` AFTER DELETE ON `call_transcripts` BEGIN
	INSERT INTO call_transcripts_fts(call_transcripts_fts, rowid, tenant_token, text) VALUES ('delete', old.seq, old.tenant_token, old.text);
END;
--> statement-breakpoint
CREATE TRIGGER `call_transcripts_fts_update` AFTER UPDATE ON `call_transcripts` BEGIN
	INSERT INTO call_transcripts_fts(call_transcripts_fts, rowid, tenant_token, text) VALUES ('delete', old.seq, old.tenant_token, old.text);
	INSERT INTO call_transcripts_fts(rowid, tenant_token, text) VALUES (new.seq, new.tenant_token, new.text);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `knowledge_fts` USING fts5(
	tenant_token, title, body,
	content='knowledge_entries', content_rowid='seq',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `knowledge_fts_insert` AFTER INSERT ON `knowledge_entries` BEGIN
	INSERT INTO knowledge_fts(rowid, tenant_token, title, body) VALUES (new.seq, new.tenant_token, new.title, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `knowledge_fts_delete` AFTER DELETE ON `knowledge_entries` BEGIN
	INSERT INTO knowledge_fts(knowledge_fts, rowid, tenant_token, title, body) VALUES ('delete', old.seq, old.tenant_token, old.title, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `knowledge_fts_update` AFTER UPDATE ON `knowledge_entries` BEGIN
	INSERT INTO knowledge_fts(knowledge_fts, rowid, tenant_token, title, body) VALUES ('delete', old.seq, old.tenant_token, old.title, old.body);
	INSERT INTO knowledge_fts(rowid, tenant_token, title, body) VALUES (new.seq, new.tenant_token, new.title, new.body);
END;
