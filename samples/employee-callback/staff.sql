-- The staff database of this sample, for SQLite and PostgreSQL alike: the test cases load it,
-- and `sqlite3 data/staff.sqlite < samples/employee-callback/staff.sql` (or `psql -f samples/employee-callback/staff.sql`) makes one to try the sample with.
CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT NOT NULL, mobile TEXT NOT NULL, callback_allowed INTEGER NOT NULL);
INSERT INTO employees VALUES (7, 'Anna', '79161234567', 1), (8, 'Oleg', '79162345678', 1), (9, 'Ivan', '79163456789', 0);
