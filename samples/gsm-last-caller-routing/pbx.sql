-- The pbx database of this sample, for SQLite and PostgreSQL alike: the test cases load it,
-- and `sqlite3 data/pbx.sqlite < samples/gsm-last-caller-routing/pbx.sql` (or `psql -f samples/gsm-last-caller-routing/pbx.sql`) makes one to try the sample with.
CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT NOT NULL, extension TEXT NOT NULL, active INTEGER NOT NULL);
CREATE TABLE outgoing_calls (employee_id INTEGER NOT NULL REFERENCES employees(id),
  remote_number TEXT NOT NULL, started_at TEXT NOT NULL);
INSERT INTO employees VALUES (1, 'Anna', '201', 1), (2, 'Boris', '202', 1), (3, 'Vera', '203', 0);
INSERT INTO outgoing_calls (employee_id, remote_number, started_at) VALUES
  (1, '79161112233', '2026-05-30 10:00:00'),
  (2, '79161112233', '2026-06-01 16:20:00'),
  (1, '79165554433', '2026-06-01 09:00:00'),
  (3, '79167778899', '2026-06-01 11:00:00');
