-- The crm database of this sample, for SQLite and PostgreSQL alike: the test cases load it,
-- and `sqlite3 data/crm.sqlite < samples/post-call-sms/crm.sql` (or `psql -f samples/post-call-sms/crm.sql`) makes one to try the sample with.
CREATE TABLE calls (caller TEXT NOT NULL, started_at TEXT NOT NULL);
CREATE TABLE sms_log (phone TEXT NOT NULL, message_id TEXT NOT NULL,
  sent_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
INSERT INTO calls (caller, started_at) VALUES
  ('79161234567', '2026-06-01 10:00:00'),
  ('79165550000', '2026-05-20 12:00:00'),
  ('79165550000', '2026-06-01 11:00:00'),
  ('74951112233', '2026-06-01 11:30:00'),
  ('79167770000', '2026-06-01 12:00:00');
INSERT INTO sms_log (phone, message_id) VALUES ('79167770000', 'sms-earlier');
