"""The search app keeps no Django models.

Its index is a database-specific table created by migration 0001 and written only by
`chumchon.search.indexing`: an FTS5 virtual table `search_fts` on SQLite, and
`search_document` (kind, object_id, tsvector with a GIN index) on PostgreSQL.
See `chumchon.search.backends`.
"""
