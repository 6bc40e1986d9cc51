-- The clinic database of this sample, for SQLite and PostgreSQL alike: the test cases load it,
-- and `sqlite3 data/clinic.sqlite < samples/appointment-reminder/clinic.sql` (or `psql -f samples/appointment-reminder/clinic.sql`) makes one to try the sample with.
CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT NOT NULL, phone TEXT NOT NULL);
CREATE TABLE appointments (id TEXT PRIMARY KEY, patient_id INTEGER NOT NULL REFERENCES patients(id),
  doctor TEXT NOT NULL, visit_time TEXT NOT NULL, status TEXT NOT NULL);
INSERT INTO patients VALUES (1, 'Maria', '79161234567'), (2, 'Pavel', '79162345678'), (3, 'Nina', '79163456789');
INSERT INTO appointments VALUES
  ('A-1', 1, 'doctor Smirnova', 'June 2 at 10:30', 'booked'),
  ('A-2', 2, 'doctor Petrov', 'June 3 at 15:00', 'booked'),
  ('A-3', 3, 'doctor Petrov', 'June 3 at 16:00', 'booked'),
  ('A-4', 1, 'doctor Smirnova', 'May 1 at 9:00', 'done');
