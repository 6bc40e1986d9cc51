-- The pbx database of this sample, for SQLite and PostgreSQL alike: the test cases load it,
-- and `sqlite3 data/pbx.sqlite < samples/blacklist/pbx.sql` (or `psql -f samples/blacklist/pbx.sql`) makes one to try the sample with.
CREATE TABLE blacklist (phone TEXT PRIMARY KEY, rule TEXT NOT NULL CHECK (rule IN ('always', 'nights', 'weekends')));
CREATE TABLE blocked_calls (phone TEXT NOT NULL, rule TEXT NOT NULL,
  at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
INSERT INTO blacklist VALUES ('74950000001', 'always'), ('74950000002', 'nights'), ('74950000003', 'weekends');
